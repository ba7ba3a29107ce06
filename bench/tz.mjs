// Tillich–Zémor throughput: ours (dist/neofs/tz.js) and the Go tzhash module (tools/tzvectors -bench)
// on the same pseudo-random 1 MiB payload, one line per measurement plus the ratio.
// Run after `npm run build`: node bench/tz.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tzHash } from '../dist/neofs/tz.js';

const SIZE = 1 << 20;
const ROUNDS = 5;

// Same xorshift32 payload as tools/tzvectors (seed 7).
function pseudoRandom(seed, n) {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x >>> 24;
  }
  return out;
}

const data = pseudoRandom(7, SIZE);
tzHash(data.subarray(0, 65536)); // warm up the JIT
const t0 = process.hrtime.bigint();
for (let i = 0; i < ROUNDS; i++) tzHash(data);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const ours = (SIZE * ROUNDS) / secs / 1e6;
console.log(`tz ts: ${ours.toFixed(2)} MB/s (${ROUNDS} x ${SIZE} bytes)`);

let goMBs;
try {
  const cache = process.env.DEVNET_CACHE ?? join(homedir(), '.cache', 'authmate-devnet');
  const bin = join(cache, 'bin', 'tzvectors');
  mkdirSync(join(cache, 'bin'), { recursive: true });
  const env = {
    ...process.env,
    GOFLAGS: '-mod=mod',
    GONOSUMDB: 'github.com/nspcc-dev/*',
    GOMODCACHE: join(cache, 'go', 'mod'),
    GOCACHE: join(cache, 'go', 'build'),
  };
  const dir = fileURLToPath(new URL('../tools/tzvectors/', import.meta.url));
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const out = execFileSync(bin, ['-bench', '-size', String(SIZE), '-rounds', String(ROUNDS * 4)], { encoding: 'utf8' });
  goMBs = Number(out.trim());
  console.log(`tz go (nspcc-dev/tzhash v1.8.3): ${goMBs.toFixed(2)} MB/s`);
} catch (err) {
  console.log(`tz go: unavailable (${err instanceof Error ? err.message.split('\n')[0] : err})`);
}
if (goMBs) console.log(`tz ratio ts/go throughput: ${(ours / goMBs).toFixed(3)}`);
