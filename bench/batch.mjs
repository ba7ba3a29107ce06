// Batch issuance (issue 12): 100 credentials into one EXISTING container with ours
// `issue-secret --batch FILE` (one process: one wallet decryption, one connection, 4 writes in
// flight) vs 100 runs of the real Go neofs-s3-authmate v0.45.0 `issue-secret --container-id`
// (what a script does with Go today), in the same run, on the local network (after
// `npm run build`: node bench/batch.mjs). Both use the same user wallet, the same two gate keys,
// passwords from the environment, and write g4 boxes. Prints the total wall time of each, the
// ratio (target: ours >= 20x faster), the per-credential cost inside our batch (wall / 100, and
// the marginal cost: (batch of 100 - batch of 1) / 99), and the cores and load it ran on.
// Ours runs BENCH_BATCH_ROUNDS times (default 3, median) around the single Go pass, which is
// itself 100 processes. A tool failing or returning a wrong result exits 1; a missed target
// prints MISSED (exit 0).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, leaseDevnet, machine, median, ms } from './common.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'bin/authmate.js');
const N = Number(process.env.BENCH_BATCH_N ?? 100);
const ROUNDS = Number(process.env.BENCH_BATCH_ROUNDS ?? 3);

let release = () => {};
const dir = mkdtempSync(join(tmpdir(), 'bench-batch-'));
try {
  const devnet = leaseDevnet('batch');
  release = devnet.release;
  const net = devnet.net;
  const goBin = join(net.binDirs.s3gw, 'neofs-s3-authmate');
  const user = net.users[0];
  const [gw0, gw1] = net.gateways;
  const env = { ...process.env, AUTHMATE_WALLET_PASSPHRASE: user.password };

  function run(file, args) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000, maxBuffer: 1 << 26 });
    const t = ms(t0);
    if (r.status !== 0) throw new Error(`${file} ${args[0]} exited ${r.status ?? r.signal}: ${r.stderr.trim().slice(-2000)}`);
    return { t, stdout: r.stdout };
  }

  const issueArgs = ['issue-secret', '--wallet', user.path, '--peer', net.peer, '--gate-public-key', gw0.publicKey, '--gate-public-key', gw1.publicKey];
  const cid = JSON.parse(run(goBin, [...issueArgs, '--container-placement-policy', 'REP 1']).stdout).container_id;
  const intoCid = [...issueArgs, '--container-id', cid];
  const checkCred = (who, c) => {
    if (c.container_id !== cid || !c.access_key_id.startsWith(`${cid}0`) || !/^[0-9a-f]{64}$/.test(c.secret_access_key)) {
      throw new Error(`${who} returned an unexpected credential: ${JSON.stringify(c)}`);
    }
  };

  const batchFile = (n) => {
    const f = join(dir, `batch-${n}.jsonl`);
    writeFileSync(f, `${Array.from({ length: n }, (_, i) => JSON.stringify({ lifetime: `${24 + (i % 24)}h` })).join('\n')}\n`);
    return f;
  };
  const [fileN, file1] = [batchFile(N), batchFile(1)];
  const ours = (file, n) => {
    const r = run(process.execPath, [CLI, ...intoCid, '--box-format', 'g4', '--batch', file]);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    if (out.length !== n || out.some((o, i) => o.line !== i + 1)) throw new Error(`ours --batch printed ${out.length} lines, expected ${n} in order`);
    out.forEach((o) => checkCred('ours --batch', o));
    return r.t;
  };

  console.log(`batch of ${N} credentials into one existing container (g4, 2 gate keys) ${machine()}`);
  ours(file1, 1); // warm the file cache, as the Go binary is warmed by the container-making run
  const oursN = [];
  const ours1 = [];
  oursN.push(ours(fileN, N));
  ours1.push(ours(file1, 1));
  // Go: 100 processes, one after another, as a shell loop runs them.
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) checkCred('go', JSON.parse(run(goBin, intoCid).stdout));
  const goTotal = ms(t0);
  console.log(`  go: ${N} x issue-secret --container-id  total ${fmt(goTotal)}  (${fmt(goTotal / N)} per credential) ${machine()}`);
  for (let r = 1; r < ROUNDS; r++) {
    oursN.push(ours(fileN, N));
    ours1.push(ours(file1, 1));
  }
  const oursTotal = median(oursN);
  const one = median(ours1);
  console.log(`  ours: issue-secret --batch (${N} lines)  total ${fmt(oursTotal)} (median of ${ROUNDS}; min ${fmt(Math.min(...oursN))}) ${machine()}`);
  console.log(`  ours: per credential inside the batch: ${fmt(oursTotal / N)} (wall / ${N}); marginal ${fmt((oursTotal - one) / (N - 1))} ((batch of ${N} - batch of 1 = ${fmt(one)}) / ${N - 1}) ${machine()}`);
  const ratio = goTotal / oursTotal;
  console.log(`  ratio: ours is ${ratio.toFixed(1)}x faster than ${N} Go runs (target >= 20x: ${ratio >= 20 ? 'met' : 'MISSED'}) ${machine()}`);
} catch (err) {
  console.error(err.message);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  release();
}
