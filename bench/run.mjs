// `npm run bench`: runs the benches listed here one after another (they are CPU-bound; running
// them together would distort each other) and passes their lines through.
// `node bench/run.mjs wallet` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['wallet.mjs', 'tz.mjs', 'issue-obtain.mjs', 'placement-ql.mjs', 'hardening.mjs', 'batch.mjs'];

const only = process.argv.slice(2);
const selected = only.length ? BENCHES.filter((b) => only.some((o) => b.startsWith(o))) : BENCHES;
let failed = 0;
for (const bench of selected) {
  console.log(`== ${bench}`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(bench, import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`== ${bench} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exitCode = failed ? 1 : 0;
