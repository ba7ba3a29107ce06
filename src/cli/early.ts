/**
 * Imported by main.ts before anything else. When this process runs `issue-secret` or
 * `obtain-secret` with the wallet password(s) in the environment, it starts the NEP-2 scrypt of
 * the wallet account(s) right away (~300 ms each on a libuv thread), so that it overlaps loading
 * yargs and the network code instead of following them. Only the scrypt output is computed early
 * (src/wallet/scrypt-cache.ts): the wallet is opened, checked and decrypted later as usual, in the
 * usual order, with the usual errors. Whatever this reads differently from the real parsing
 * (an unusual flag spelling, an odd wallet) just means a run nobody takes. It loads only Node
 * built-ins and tiny dependency-free helpers, so other commands and --help do not pay for it.
 */
import { readFileSync } from 'node:fs';
import bs58 from 'bs58';
import { isSignatureScript } from '../crypto/script.js';
import { chooseDefaultAccount } from '../wallet/choice.js';
import { prefetchScrypt } from '../wallet/scrypt-cache.js';

/** The value of `--name value` or `--name=value` before a `--`, if given exactly once. */
function flag(args: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  let count = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === `--${name}` && i + 1 < args.length) {
      found = args[++i];
      count++;
    } else if (a.startsWith(`--${name}=`)) {
      found = a.slice(name.length + 3);
      count++;
    }
  }
  return count === 1 ? found : undefined;
}

interface Nep6Like {
  scrypt?: { n?: unknown; r?: unknown; p?: unknown };
  accounts?: { address?: unknown; key?: unknown; isDefault?: unknown; contract?: { script?: unknown } }[];
}

const standard = (a: { contract?: { script?: unknown } }): boolean =>
  typeof a.contract?.script === 'string' && isSignatureScript(Buffer.from(a.contract.script, 'base64'));

function prefetchWallet(path: string | undefined, address: string | undefined, password: string | undefined): void {
  if (!path || password === undefined) return;
  const w = JSON.parse(readFileSync(path, 'utf8')) as Nep6Like;
  const { n, r, p } = w.scrypt ?? {};
  // Only sane parameters (the real derivation checks them again before taking the result).
  if (![n, r, p].every((x) => Number.isSafeInteger(x) && (x as number) > 0)) return;
  if (128 * (n as number) * (r as number) > 1 << 30 || (r as number) * (p as number) >= 2 ** 30) return;
  const accounts = w.accounts ?? [];
  const account = address !== undefined ? accounts.find((a) => a.address === address) : chooseDefaultAccount(accounts, standard);
  if (typeof account?.key !== 'string') return;
  const raw = bs58.decode(account.key);
  if (raw.length !== 43) return; // 0x01 0x42 0xe0 || address hash(4) || 32 bytes || checksum(4)
  prefetchScrypt(Buffer.from(password.normalize('NFC'), 'utf8'), raw.subarray(3, 7), n as number, r as number, p as number);
}

/** Starts the scrypt runs `argv` (without node and script) will need; never throws. */
export function prefetchFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  const [command, ...args] = argv;
  if (command !== 'issue-secret' && command !== 'obtain-secret') return;
  if (args.includes('--help') || args.includes('-h')) return;
  // The variables of src/wallet/load.ts (not imported: that would load the wallet code here).
  const runs: [string, string, string][] = [['wallet', 'address', 'AUTHMATE_WALLET_PASSPHRASE']];
  if (command === 'obtain-secret') runs.push(['gate-wallet', 'gate-address', 'AUTHMATE_WALLET_GATE_PASSPHRASE']);
  for (const [walletFlag, addressFlag, passwordEnv] of runs) {
    try {
      prefetchWallet(flag(args, walletFlag), flag(args, addressFlag), env[passwordEnv]);
    } catch {
      // unreadable or odd wallet: the real command reports it
    }
  }
}

if (process.argv[1] !== undefined && /(?:^|[\\/])(?:authmate|neofs-s3-authmate|neofs-authmate)(?:\.js)?$/.test(process.argv[1])) {
  prefetchFromArgv(process.argv.slice(2), process.env);
}
