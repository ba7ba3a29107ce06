// Starts the local NeoFS network once per e2e run, or reuses a healthy running one.
// A network this run started is stopped at the end unless another test run still holds a
// lease on it; a network started by `npm run devnet:up` (or reused) is left running.
// DEVNET_KEEP=1 (read by up.sh) leaves a network this run starts running afterwards (stop it with devnet:down).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDevnetInfo } from './devnet.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function bash(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    // stderr goes straight to the terminal: up.sh prints its progress there during the long wait.
    const child = spawn('bash', [join(root, 'scripts', 'devnet', script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`scripts/devnet/${script} failed with exit code ${code} (its log tails are above)`)),
    );
  });
}

export default async function setup(): Promise<() => Promise<void>> {
  const lease = `vitest-${process.pid}-${randomBytes(4).toString('hex')}`;
  process.stderr.write('e2e: starting or reusing the local NeoFS network (scripts/devnet/up.sh)\n');
  const pointer = await bash('up.sh', [], { DEVNET_LEASE: lease, DEVNET_LEASE_PID: String(process.pid) });
  // Test workers inherit the environment: devnet() reads exactly this network.
  process.env.DEVNET_POINTER = pointer.split('\n').pop();
  const info = readDevnetInfo(process.env.DEVNET_POINTER);
  process.stderr.write(
    `e2e: devnet ${info.dataDir} (${info.startedBy === 'lease' ? 'started by a test run' : 'started by devnet:up'}), ` +
      `peer ${info.peer}, gateways ${info.gateways.map((g) => g.endpoint).join(' ')}\n`,
  );
  return async () => {
    // Drops our lease; stops the network only if a test run started it and nobody else uses it.
    await bash('down.sh', ['--release', lease], {});
  };
}
