// Wallet bench (run after `npm run build`: node bench/wallet.mjs):
//  1. NEP-2 decryption of the same neo-go-made wallet (test/fixtures/wallets/neo-go-single.json,
//     scrypt n=16384 r=8 p=8) by ours and by `neo-go wallet export --format wif`, in the same run,
//     interleaved. neo-go can only be timed as a process, so its decrypt time is the export
//     process minus a `wallet dump-keys` process on the same file (start-up + wallet read, no
//     scrypt). Ours is timed in-process (library) and as a process (`authmate wallet check`).
//  2. `authmate --help` cold start (median of several child processes).
// Prints one line per measurement; target: decrypt ratio ours/neo-go <= 1.1, --help <= 150 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWallet } from '../dist/wallet/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const walletPath = join(root, 'test/fixtures/wallets/neo-go-single.json');
const expected = JSON.parse(readFileSync(join(root, 'test/fixtures/wallets/expected.json'), 'utf8'))['neo-go-single.json'];
const password = expected.password;
const address = expected.defaultAddress;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
function timeProcess(file, args, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { env: env ?? process.env, encoding: 'utf8', input: '' });
  const t = ms(t0);
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { t, stdout: r.stdout };
}

const versions = readFileSync(join(root, 'scripts/devnet/versions.env'), 'utf8');
const neoGoVersion = /^NEO_GO_VERSION=(\S+)/m.exec(versions)[1];
const neoGo =
  process.env.NEOGO_BIN ?? join(process.env.DEVNET_CACHE ?? join(homedir(), '.cache/authmate-devnet'), 'bin', `neo-go@${neoGoVersion}`, 'neo-go');
const haveNeoGo = existsSync(neoGo);
const work = mkdtempSync(join(tmpdir(), 'authmate-bench-'));
const cfg = join(work, 'wallet.yml');
writeFileSync(cfg, `Path: ${JSON.stringify(walletPath)}\nPassword: ${JSON.stringify(password)}\n`);
const cliEnv = { ...process.env, AUTHMATE_WALLET_PASSPHRASE: password };

const wallet = await openWallet(walletPath);
const account = wallet.account();
await wallet.decryptKey(account, password); // warm-up (first call loads OpenSSL's scrypt path)

const ours = [], oursCli = [], neoExport = [], neoBase = [];
for (let i = 0; i < ROUNDS; i++) {
  let t0 = process.hrtime.bigint();
  await wallet.decryptKey(account, password);
  ours.push(ms(t0));
  oursCli.push(timeProcess(process.execPath, [join(root, 'bin/authmate.js'), 'wallet', 'check', '--wallet', walletPath], cliEnv).t);
  if (haveNeoGo) {
    const ex = timeProcess(neoGo, ['wallet', 'export', '--wallet-config', cfg, '--format', 'wif', address]);
    if (ex.stdout.trim() !== expected.accounts[0].wif) throw new Error('neo-go exported a different key');
    neoExport.push(ex.t);
    neoBase.push(timeProcess(neoGo, ['wallet', 'dump-keys', '-w', walletPath]).t);
  }
}
// CPU-bound work only gets slower from other load, so the minimum is the best estimate of the
// uncontended cost; the median is shown too. Ratios use the same statistic on both sides.
const fmt = (x) => `${x.toFixed(1)} ms`;
const both = (xs) => `min ${fmt(Math.min(...xs))}, median ${fmt(median(xs))} of ${xs.length}`;
console.log(`wallet nep2 decrypt ours (in-process, node:crypto scrypt n=16384 r=8 p=8): ${both(ours)}`);
console.log(`wallet nep2 decrypt ours (process: authmate wallet check): ${both(oursCli)}`);
if (haveNeoGo) {
  console.log(`wallet nep2 decrypt neo-go ${neoGoVersion} (process: wallet export): ${both(neoExport)}`);
  console.log(`wallet neo-go start-up + wallet read (process: wallet dump-keys, no scrypt): ${both(neoBase)}`);
  for (const [name, stat] of [['min', (xs) => Math.min(...xs)], ['median', median]]) {
    const neoDecrypt = stat(neoExport) - stat(neoBase);
    const ratio = stat(ours) / neoDecrypt;
    console.log(
      `wallet nep2 decrypt ratio ours/neo-go (${name}, decrypt alone = export - dump-keys = ${fmt(neoDecrypt)}): ${ratio.toFixed(3)} ` +
        `(target <= 1.1: ${ratio <= 1.1 ? 'met' : 'NOT met'}); whole process: ${(stat(oursCli) / stat(neoExport)).toFixed(3)}`,
    );
  }
} else {
  console.log(`wallet nep2 decrypt neo-go: unavailable (no binary at ${neoGo}; run scripts/devnet/install.sh neogo)`);
}

// Cold start: a fresh process each time; one warm-up run fills the OS file cache.
const HELP_RUNS = Number(process.env.BENCH_HELP_RUNS ?? 11);
timeProcess(process.execPath, [join(root, 'bin/authmate.js'), '--help']);
const help = [];
for (let i = 0; i < HELP_RUNS; i++) help.push(timeProcess(process.execPath, [join(root, 'bin/authmate.js'), '--help']).t);
const nodeBare = [];
for (let i = 0; i < 5; i++) nodeBare.push(timeProcess(process.execPath, ['-e', '0']).t);
const h = median(help);
console.log(
  `cli cold start authmate --help: ${both(help)} (bare node -e 0: ${both(nodeBare)}; target median <= 150 ms: ${h <= 150 ? 'met' : 'NOT met'})`,
);
rmSync(work, { recursive: true, force: true });
