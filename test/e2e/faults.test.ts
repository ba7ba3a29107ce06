// Faults on the real local network: the storage node stops answering (SIGSTOP, as a hung node
// or a partition looks to a client) right before the box is stored. The deadline must fire with a
// clear message and Go's exit code, name the container already created for the box, and a rerun
// with --container-id of it must succeed once the node is back.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { issueWith, obtainWith } from './authmate.js';
import { devnet } from './devnet.js';

const CLI = fileURLToPath(new URL('../../bin/authmate.js', import.meta.url));

interface Stopped {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
  stopped: boolean;
}

/** Runs issue-secret and stops the node (pid) when the CLI says it is about to store the box. */
function issueStoppingNodeBeforePut(args: string[], env: NodeJS.ProcessEnv, nodePid: number): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!stopped && /storing the access box in container/.test(stderr)) {
        process.kill(nodePid, 'SIGSTOP');
        stopped = true;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started, stopped }));
  });
}

describe('faults on the local network', () => {
  it('node hung before the box put: deadline, exit 7, the created container named; a rerun with --container-id succeeds', async () => {
    const net = devnet();
    const user = net.users[0]!;
    const gate = net.gateways[0]!;
    const nodePid = Number(readFileSync(join(net.dataDir, 'run', 'sn.pid'), 'utf8').trim());
    const args = ['issue-secret', '--wallet', user.path, '--peer', net.peer, '--gate-public-key', gate.publicKey, '--container-placement-policy', 'REP 1', '--timeout', '5s'];
    const env = { AUTHMATE_WALLET_PASSPHRASE: user.password };

    // The box put is short: if it finished before the stop took effect, try again.
    let r: Stopped | undefined;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        r = await issueStoppingNodeBeforePut(args, env, nodePid);
        if (r.stopped) process.kill(nodePid, 'SIGCONT');
        if (r.code !== 0) break;
      }
    } finally {
      process.kill(nodePid, 'SIGCONT');
    }
    expect(r!.stopped, r!.stderr).toBe(true);
    expect(r!.code, r!.stderr).toBe(7);
    expect(r!.stdout).toBe('');
    expect(r!.stderr).toMatch(/^failed to issue secret: timed out after 5s \(raise --timeout\)$/m);
    const cid = /^container (\w+) was created for the box and may exist: rerun with --container-id \1$/m.exec(r!.stderr)?.[1];
    expect(cid, r!.stderr).toBeDefined();
    expect(r!.ms).toBeLessThan(5_000 + 3_000);

    // The node is back: the suggested rerun stores the box in that container, and it opens.
    const creds = await issueWith('ours', net, user, [gate.publicKey], ['--container-id', cid!]);
    expect(creds.container_id).toBe(cid);
    expect(await obtainWith('ours', net, user, gate, creds.access_key_id)).toBe(creds.secret_access_key);
  });
});
