// Helper of bench/wallet.mjs (run as a child so that it can be pinned with taskset): decrypts the
// fixture wallet's key in-process and prints JSON {cold, warm[], node[]} in ms.
//  cold: the first decryption of the process (includes starting the scrypt workers)
//  warm: later ones (the worker pool is kept between runs)
//  node: node:crypto's scrypt with the same parameters, the pre-issue-10 path, for context
import { scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWallet } from '../dist/wallet/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const walletPath = join(root, 'test/fixtures/wallets/neo-go-single.json');
const password = JSON.parse(readFileSync(join(root, 'test/fixtures/wallets/expected.json'), 'utf8'))['neo-go-single.json'].password;
const rounds = Number(process.argv[2] ?? 3);

const wallet = await openWallet(walletPath);
const account = wallet.account();
const time = async (f) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
const cold = await time(() => wallet.decryptKey(account, password));
const warm = [];
const node = [];
const { n: N, r, p } = wallet.scrypt;
for (let i = 0; i < rounds; i++) {
  warm.push(await time(() => wallet.decryptKey(account, password)));
  node.push(await time(() => new Promise((res, rej) => scrypt(password, 'salt', 64, { N, r, p }, (e, k) => (e ? rej(e) : res(k))))));
}
process.stdout.write(JSON.stringify({ cold, warm, node }));
