// Faults on the real local network.
// - The storage node stops answering (SIGSTOP, as a hung node or a partition looks to a client)
//   right before the box is stored: the deadline fires with a clear message and Go's exit code,
//   names the container already created for the box, and a rerun with --container-id succeeds.
// - The storage node dies (SIGKILL) at the same point: the CLI fails at once (no deadline wait)
//   naming the container; the node is started again (scripts/devnet/restart.sh) and the rerun
//   with --container-id succeeds.
// - An S3 gateway dies and is started again: credentials issued before still work, so the new
//   gateway process reads the box from NeoFS again.
// Each test restores what it broke in `finally`, so the other e2e files find a healthy network.
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { issueWith, obtainWith, s3For } from './authmate.js';
import { devnet, type Devnet } from './devnet.js';

const CLI = fileURLToPath(new URL('../../bin/authmate.js', import.meta.url));
const RESTART = fileURLToPath(new URL('../../scripts/devnet/restart.sh', import.meta.url));

interface Faulted {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
  /** Whether the fault was injected, and when (Date.now()). */
  faulted: boolean;
  faultAt: number;
  endAt: number;
}

/** Runs issue-secret and calls `fault` when the CLI says it is about to store the box. */
function issueFaultingBeforePut(args: string[], env: NodeJS.ProcessEnv, fault: () => void): Promise<Faulted> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let faulted = false;
    let faultAt = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!faulted && /storing the access box in container/.test(stderr)) {
        fault();
        faulted = true;
        faultAt = Date.now();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const endAt = Date.now();
      resolve({ code, stdout, stderr, ms: endAt - started, faulted, faultAt, endAt });
    });
  });
}

function readPid(net: Devnet, daemon: 'sn' | 'gw0'): number {
  const pid = Number(readFileSync(join(net.dataDir, 'run', `${daemon}.pid`), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`bad pid file for ${daemon} in ${net.dataDir}/run`);
  return pid;
}

/** Alive and not a zombie (a killed daemon nobody has reaped yet still answers kill(pid, 0)). */
function pidAlive(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // "pid (comm) S ...": the state follows the last ')' (comm may hold spaces and parentheses).
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function waitGone(pid: number, what: string, limitMs = 10_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (pidAlive(pid)) {
    if (Date.now() > until) throw new Error(`${what} (pid ${pid}) still alive ${limitMs} ms after SIGKILL`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** scripts/devnet/restart.sh: starts the daemon as up.sh did and returns once it serves. */
function restart(daemon: 'sn' | 'gw0'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [RESTART, daemon], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`restart.sh ${daemon} exited ${code}:\n${stderr}`))));
  });
}

/** In `finally`: whatever happened, leave the daemon running for the other tests. */
async function ensureRunning(net: Devnet, daemon: 'sn' | 'gw0'): Promise<void> {
  if (!pidAlive(readPid(net, daemon))) await restart(daemon);
}

const CREATED = /^container (\w+) was created for the box and may exist: rerun with --container-id \1$/m;

describe('faults on the local network', () => {
  it('node hung before the box put: deadline, exit 7, the created container named; a rerun with --container-id succeeds', async () => {
    const net = devnet();
    const user = net.users[0]!;
    const gate = net.gateways[0]!;
    const nodePid = readPid(net, 'sn');
    const args = ['issue-secret', '--wallet', user.path, '--peer', net.peer, '--gate-public-key', gate.publicKey, '--container-placement-policy', 'REP 1', '--timeout', '5s'];
    const env = { AUTHMATE_WALLET_PASSPHRASE: user.password };

    // The box put is short: if it finished before the stop took effect, try again.
    let r: Faulted | undefined;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        r = await issueFaultingBeforePut(args, env, () => process.kill(nodePid, 'SIGSTOP'));
        if (r.faulted) process.kill(nodePid, 'SIGCONT');
        if (r.code !== 0) break;
      }
    } finally {
      process.kill(nodePid, 'SIGCONT');
    }
    expect(r!.faulted, r!.stderr).toBe(true);
    expect(r!.code, r!.stderr).toBe(7);
    expect(r!.stdout).toBe('');
    expect(r!.stderr).toMatch(/^failed to issue secret: timed out after 5s \(raise --timeout\)$/m);
    const cid = CREATED.exec(r!.stderr)?.[1];
    expect(cid, r!.stderr).toBeDefined();
    expect(r!.ms).toBeLessThan(5_000 + 3_000);

    // The node is back: the suggested rerun stores the box in that container, and it opens.
    const creds = await issueWith('ours', net, user, [gate.publicKey], ['--container-id', cid!]);
    expect(creds.container_id).toBe(cid);
    expect(await obtainWith('ours', net, user, gate, creds.access_key_id)).toBe(creds.secret_access_key);
  });

  it('node killed before the box put: exit 7 at once, the created container named; restarted, a rerun with --container-id succeeds', { timeout: 400_000 }, async () => {
    const net = devnet();
    const user = net.users[0]!;
    const gate = net.gateways[0]!;
    // A long deadline: the failure must come from the dead connection, not from --timeout.
    const args = ['issue-secret', '--wallet', user.path, '--peer', net.peer, '--gate-public-key', gate.publicKey, '--container-placement-policy', 'REP 1', '--timeout', '60s'];
    const env = { AUTHMATE_WALLET_PASSPHRASE: user.password };

    let r: Faulted | undefined;
    let killed: number | undefined;
    try {
      // The box put is short: if it was stored before the kill, start the node again and retry.
      for (let attempt = 0; attempt < 3; attempt++) {
        const nodePid = readPid(net, 'sn');
        r = await issueFaultingBeforePut(args, env, () => process.kill(nodePid, 'SIGKILL'));
        if (r.faulted) {
          await waitGone(nodePid, 'storage node');
          killed = nodePid;
        }
        if (r.code !== 0) break;
        if (r.faulted) await restart('sn');
      }
      expect(r!.faulted, r!.stderr).toBe(true);
      expect(pidAlive(killed!)).toBe(false);
      expect(r!.code, r!.stderr).toBe(7);
      expect(r!.stdout).toBe('');
      // The dead peer is named as such, and the container the rerun should use.
      expect(r!.stderr).toMatch(/^failed to issue secret: ObjectService\.Put on 127\.0\.0\.1:\d+: peer unavailable: .+$/m);
      expect(r!.stderr).not.toMatch(/timed out/);
      expect(r!.endAt - r!.faultAt, r!.stderr).toBeLessThan(5_000);
    } finally {
      await ensureRunning(net, 'sn');
    }
    const cid = CREATED.exec(r!.stderr)?.[1];
    expect(cid, r!.stderr).toBeDefined();

    // restart.sh started a new process, recorded where down.sh will find it.
    const newPid = readPid(net, 'sn');
    expect(newPid).not.toBe(killed);
    expect(pidAlive(newPid)).toBe(true);

    const creds = await issueWith('ours', net, user, [gate.publicKey], ['--container-id', cid!]);
    expect(creds.container_id).toBe(cid);
    expect(await obtainWith('ours', net, user, gate, creds.access_key_id)).toBe(creds.secret_access_key);
  });

  it('gateway restarted: credentials issued before still work through it (it reads the box from NeoFS again)', { timeout: 300_000 }, async () => {
    const net = devnet();
    const user = net.users[0]!;
    const gw0 = net.gateways[0]!;
    const creds = await issueWith('ours', net, user, [gw0.publicKey]);
    const bucket = `restart-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const before = s3For(gw0, creds);
    await before.send(new CreateBucketCommand({ Bucket: bucket }));
    await before.send(new PutObjectCommand({ Bucket: bucket, Key: 'before', Body: 'written before the restart' }));
    before.destroy();

    const oldPid = readPid(net, 'gw0');
    try {
      process.kill(oldPid, 'SIGKILL');
      await waitGone(oldPid, 'S3 gateway 0');
      await restart('gw0');
    } finally {
      await ensureRunning(net, 'gw0');
    }
    const newPid = readPid(net, 'gw0');
    expect(newPid).not.toBe(oldPid);
    expect(pidAlive(newPid)).toBe(true);

    // A new process has no cached box: each request below makes it fetch and open the box.
    const after = s3For(gw0, creds);
    try {
      const old = await after.send(new GetObjectCommand({ Bucket: bucket, Key: 'before' }));
      expect(await old.Body!.transformToString()).toBe('written before the restart');
      await after.send(new PutObjectCommand({ Bucket: bucket, Key: 'after', Body: 'written after the restart' }));
      const got = await after.send(new GetObjectCommand({ Bucket: bucket, Key: 'after' }));
      expect(await got.Body!.transformToString()).toBe('written after the restart');
      const second = `${bucket}-2`;
      await after.send(new CreateBucketCommand({ Bucket: second }));
      await after.send(new PutObjectCommand({ Bucket: second, Key: 'k', Body: 'v' }));

      // The restarted gateway still checks signatures: the same key id with a wrong secret is refused.
      const wrong = s3For(gw0, { access_key_id: creds.access_key_id, secret_access_key: '0'.repeat(64) });
      await expect(wrong.send(new GetObjectCommand({ Bucket: bucket, Key: 'before' }))).rejects.toThrow(/SignatureDoesNotMatch|AccessDenied|signature/i);
      wrong.destroy();
    } finally {
      after.destroy();
    }
  });
});
