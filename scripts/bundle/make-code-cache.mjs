// Last step of `npm run build`: makes the V8 code cache that bin/load-cli.mjs uses to start the
// CLI bundle without parsing and compiling it. V8 puts in a cache every function compiled so far,
// so this compiles the bundle as the bin does and runs, in this process and with output muted, what
// a typical start runs: the help (its own, smaller cache: bin/load-cli.mjs), then issue-secret /
// obtain-secret up to a dead peer with a wallet made here (its scrypt included). Anything not run is compiled on first use as usual; a cache made
// by another Node version is rejected by V8 and ignored.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE, CODE_CACHE, HELP_CODE_CACHE, loadCli } from '../../bin/load-cli.mjs';

// Every import() must have become __authmate_import() (rolldown.config.mjs): a vm-compiled script has no module loader of its own.
const leftover = /\bimport\([^)]{0,60}\)/.exec(readFileSync(BUNDLE, 'utf8'));
if (leftover) throw new Error(`${BUNDLE} still has ${leftover[0]}; see the external-dynamic-imports plugin in rolldown.config.mjs`);

const { main, script } = loadCli({ cacheFile: null });
const work = mkdtempSync(join(tmpdir(), 'authmate-code-cache-'));
const wallet = join(work, 'wallet.json');
const gate = '03463f48d04c4464399a2db25902a1c0c7971d9b270aac96189238470e2bc97d97';
const env = { ...process.env };
const write = { out: process.stdout.write, err: process.stderr.write };
try {
  process.stdout.write = process.stderr.write = () => true;
  process.env.AUTHMATE_WALLET_PASSPHRASE = process.env.AUTHMATE_WALLET_GATE_PASSPHRASE = 'code-cache';
  await main(['--help']);
  writeFileSync(HELP_CODE_CACHE, script.createCachedData());
  const runs = [
    ['issue-secret', '--help'],
    ['wallet', 'create', '--wallet', wallet],
    ['issue-secret', '--wallet', wallet, '--peer', '127.0.0.1:1', '--pool-dial-timeout', '1s', '--gate-public-key', gate],
    ['obtain-secret', '--gate-wallet', wallet, '--peer', '127.0.0.1:1', '--pool-dial-timeout', '1s', '--access-key-id', `${'1'.repeat(44)}0${'1'.repeat(44)}`],
  ];
  for (const argv of runs) await main(argv);
} finally {
  process.stdout.write = write.out;
  process.stderr.write = write.err;
  process.env = env;
  rmSync(work, { recursive: true, force: true });
}
const data = script.createCachedData();
writeFileSync(CODE_CACHE, data);
console.log(`code cache: ${data.length} bytes in ${CODE_CACHE}, the help's in ${HELP_CODE_CACHE}`);
