/**
 * Loaded by the CLI bundle's entry (scripts/bundle/cli-entry.mjs) before anything else. When this
 * process runs `issue-secret`, `obtain-secret` or `wallet check` with the wallet password(s) in
 * the environment, it starts the NEP-2 scrypt of the wallet account(s) right away, its lanes on
 * worker threads (src/crypto/scrypt/), so that it overlaps loading yargs and the network code
 * instead of following them. The workers are unref'd and the run is abandoned if nobody takes
 * it: an early run never delays an error or the exit. Only the scrypt output is computed early
 * (src/wallet/scrypt-cache.ts): the wallet is opened, checked and decrypted later as usual, in the
 * usual order, with the usual errors. Whatever this reads differently from the real parsing
 * (an unusual flag spelling, an odd wallet) just means a run nobody takes. It needs only Node
 * built-ins and tiny dependency-free helpers; other commands and --help never initialise it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import bs58 from 'bs58';
import { isSignatureScript } from '../crypto/script.js';
import { chooseDefaultAccount } from '../wallet/choice.js';
import { GATE_WALLET_PASSPHRASE_ENV, WALLET_PASSPHRASE_ENV } from '../wallet/env.js';
import { NEP2_ENCODED_LENGTH, NEP2_SALT_END, NEP2_SALT_START, scryptParamsProblem } from '../wallet/limits.js';
import { prefetchScrypt } from '../wallet/scrypt-cache.js';
import { prefetchableArgs } from './prefetch-commands.js';

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

/**
 * Largest wallet prefetched. A wallet of a few accounts is a few KiB; a huge one (up to
 * WALLET_FILE_MAX_BYTES) parsed here and again by the command held both parses in memory at once
 * (a 16 MiB wallet peaked over 200 MB), for a head start that its own parsing dwarfs.
 */
export const PREFETCH_WALLET_MAX_BYTES = 1024 * 1024;

/**
 * The wallet's text if it is a regular file of at most PREFETCH_WALLET_MAX_BYTES, else undefined
 * (the real command reads it and reports what is wrong). Reads at most that + 1 bytes, so an
 * endless file such as /dev/zero or a FIFO costs nothing here.
 */
function readSmallFile(path: string): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > PREFETCH_WALLET_MAX_BYTES) return undefined;
    const buf = Buffer.allocUnsafe(st.size + 1);
    let got = 0;
    for (let n; got < buf.length && (n = readSync(fd, buf, got, buf.length - got, null)) > 0; ) got += n;
    return got > PREFETCH_WALLET_MAX_BYTES ? undefined : buf.toString('utf8', 0, got);
  } finally {
    closeSync(fd);
  }
}

function prefetchWallet(path: string | undefined, address: string | undefined, password: string | undefined): void {
  if (!path || password === undefined) return;
  const text = readSmallFile(path);
  if (text === undefined) return;
  const w = JSON.parse(text) as Nep6Like;
  const { n, r, p } = w.scrypt ?? {};
  // Only parameters within the limits (the real derivation checks them again, and reports them).
  if (scryptParamsProblem({ n, r, p }) !== undefined) return;
  const accounts = Array.isArray(w.accounts) ? w.accounts : [];
  const account = address !== undefined ? accounts.find((a) => a.address === address) : chooseDefaultAccount(accounts, standard);
  if (typeof account?.key !== 'string') return;
  const raw = bs58.decode(account.key);
  if (raw.length !== NEP2_ENCODED_LENGTH + 4) return; // + base58check's checksum
  prefetchScrypt(Buffer.from(password.normalize('NFC'), 'utf8'), raw.subarray(NEP2_SALT_START, NEP2_SALT_END), n as number, r as number, p as number);
}

/** Starts the scrypt runs `argv` (without node and script) will need; never throws. */
export function prefetchFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  const args = prefetchableArgs(argv);
  if (args === undefined || args.includes('--help') || args.includes('-h')) return;
  const runs: [string, string, string][] = [['wallet', 'address', WALLET_PASSPHRASE_ENV]];
  if (argv[0] === 'obtain-secret') runs.push(['gate-wallet', 'gate-address', GATE_WALLET_PASSPHRASE_ENV]);
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
