// Runs our CLI and the real Go neofs-s3-authmate the same way, and builds S3 clients for a
// gateway, so e2e tests can compare the two tools and use their credentials.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import type { Devnet, DevnetGateway, DevnetUser, RunResult } from './devnet.js';

const CLI = fileURLToPath(new URL('../../bin/authmate.js', import.meta.url));

export interface IssuedSecret {
  access_key_id: string;
  secret_access_key: string;
  owner_private_key: string;
  wallet_public_key: string;
  container_id: string;
}

/** Runs `node bin/authmate.js` with no stdin (as CI does). */
export function runOurs(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export type Tool = 'ours' | 'go';

/** issue-secret with the given tool; `extra` are further flags. Fails the test on a non-zero exit. */
export async function issueWith(tool: Tool, net: Devnet, user: DevnetUser, gateKeys: string[], extra: string[] = []): Promise<IssuedSecret> {
  const args = ['issue-secret', '--wallet', user.path, '--peer', net.peer, '--container-placement-policy', 'REP 1', ...extra];
  for (const k of gateKeys) args.push('--gate-public-key', k);
  const env = { AUTHMATE_WALLET_PASSPHRASE: user.password };
  const r = tool === 'ours' ? await runOurs(args, env) : await net.run('neofs-s3-authmate', args, { env });
  if (r.code !== 0) throw new Error(`${tool} issue-secret exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as IssuedSecret;
}

/** obtain-secret with the given tool and gate wallet; returns the secret. */
export async function obtainWith(tool: Tool, net: Devnet, user: DevnetUser, gate: DevnetGateway, accessKeyId: string): Promise<string> {
  const args = ['obtain-secret', '--wallet', user.path, '--peer', net.peer, '--rpc-endpoint', net.rpcEndpoint, '--gate-wallet', gate.walletPath, '--access-key-id', accessKeyId];
  const env = { AUTHMATE_WALLET_PASSPHRASE: user.password, AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword };
  const r = tool === 'ours' ? await runOurs(args, env) : await net.run('neofs-s3-authmate', args, { env });
  if (r.code !== 0) throw new Error(`${tool} obtain-secret exited ${r.code}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { secret_access_key: string }).secret_access_key;
}

/** A path-style S3 client for a gateway, without retries (a refusal must show at once). */
export function s3For(gate: DevnetGateway, creds: { access_key_id: string; secret_access_key: string }): S3Client {
  return new S3Client({
    endpoint: gate.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: creds.access_key_id, secretAccessKey: creds.secret_access_key },
    maxAttempts: 1,
  });
}
