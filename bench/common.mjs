// Shared by the benches: medians, child-process timing and the machine context printed with
// every figure (the cores this process may use and the load average at that moment).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
export const fmt = (x) => `${x.toFixed(1)} ms`;

/** `[cores 2, load 0.41 0.52 0.60]`: what the figure on the same line was measured on. */
export const machine = () => `[cores ${availableParallelism()}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}]`;

/**
 * NODE_EXTRA_CA_CERTS, if this machine's environment sets it: Node 20 then parses its bundled root
 * certificates and that file at every process start (tens of ms with a system bundle), before any
 * of our code runs; Go pays nothing for it. Benches that start Node show figures with the
 * environment as it is and, when it is set, also without it.
 */
export const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;

/** `env` without NODE_EXTRA_CA_CERTS. */
export const withoutExtraCa = (env = process.env) => Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));

/** A placement policy whose FILTER is an AND chain of about `bytes` bytes: {text, terms}. */
export function andChainPolicy(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = `Attr${i} EQ Value${i}`;
    parts.push(t);
    size += t.length + 5;
  }
  return { text: `REP 1 IN X SELECT 1 FROM F AS X FILTER ${parts.join(' AND ')} AS F`, terms: parts.length };
}

/** Whether `taskset` can pin a child to CPU 0 here. */
export const haveTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** argv prefixed with `taskset -c 0` when pinned. */
export const pin = (pinned, file, args) => (pinned ? ['taskset', ['-c', '0', file, ...args]] : [file, args]);

/** Runs a process (optionally pinned to CPU 0), returns {t, stdout}; throws on a non-zero exit. */
export function timeProcess(file, args, { env, pinned = false, input = '' } = {}) {
  const [f, a] = pin(pinned, file, args);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(f, a, { env: env ?? process.env, encoding: 'utf8', input, maxBuffer: 1 << 24 });
  const t = ms(t0);
  if (r.status !== 0) throw new Error(`${f} ${a.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return { t, stdout: r.stdout, stderr: r.stderr };
}

const root = new URL('..', import.meta.url).pathname;

function devnetScript(script, args, env) {
  const r = spawnSync('bash', [`${root}scripts/devnet/${script}`, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`scripts/devnet/${script} exited ${r.status ?? r.signal}:\n${r.stderr.split('\n').slice(-15).join('\n')}`);
  return r.stdout.trim();
}

/**
 * The local network for a bench: started with a lease if none runs, else joined. `release()`
 * gives the lease back (the network stops only if this run started it and nobody else holds one).
 */
export function leaseDevnet(tag) {
  const lease = `bench-${tag}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const up = devnetScript('up.sh', [], { DEVNET_LEASE: lease, DEVNET_LEASE_PID: String(process.pid) });
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    try {
      devnetScript('down.sh', ['--release', lease], {});
    } catch (err) {
      console.error(`releasing the devnet lease ${lease} failed: ${err.message}`);
      process.exitCode = 1;
    }
  };
  try {
    return { net: JSON.parse(readFileSync(up.split('\n').pop(), 'utf8')), release };
  } catch (err) {
    release();
    throw err;
  }
}
