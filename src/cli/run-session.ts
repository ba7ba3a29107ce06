/**
 * `session create` and `util sign session-token` as the CLI runs them. Local inputs are checked
 * first (flags, the token file), then the wallet is opened, then the node is dialled.
 *
 * Exit codes: 1 wallet, 2 node unreachable, 3 bad --cid/--oid, 5 bad --lifetime/--expire-at,
 * 7 the node refused or the file could not be written, 8 the token file is not a usable
 * session token (unreadable, not a token, missing context/lifetime, foreign issuer), 100 usage.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, ExitCode } from './base/failures.js';
import { parseContainerId, parseObjectId } from '../neofs/refs.js';
import {
  SessionLifetimeError,
  SessionTokenFileError,
  SessionTokenNotReadyError,
  assertTokenFileReplaceable,
  checkReadyToSign,
  describeMissing,
  missingForSigning,
  createDynamicSession,
  describeSessionToken,
  encodeSessionTokenJson,
  fillObjectContext,
  parseObjectVerb,
  readSessionTokenFile,
  signPreparedSessionToken,
  writeSessionTokenFile,
  type ObjectContextFill,
  type SessionLifetime,
} from '../session/index.js';
import { TokenFormatError } from '../tokens/common.js';
import type { SessionContextV1 } from '../tokens/session-v1.js';
import { parseDuration } from '../util/duration.js';
import { WalletError, type WalletKey } from '../wallet/index.js';
import type { ContextArgs, SessionCreateArgs, SignSessionTokenArgs } from './base/args.js';
import { makeContext } from './base/context.js';
import { connect, withDeadline } from './network.js';
import { openUserWallet } from './wallets.js';

/** The flags that supply a part the library says is missing. */
const FLAG_HINTS: Record<string, string> = {
  context: 'give --verb and --cid',
  verb: 'give --verb',
  container: 'give --cid',
  issuer: 'pass --force-issuer to make the signer the issuer',
};

function withFlagHints(err: SessionTokenNotReadyError): string {
  const hints = err.missing.map((m) => FLAG_HINTS[m]).filter(Boolean);
  return hints.length ? `${err.message} (${hints.join('; ')})` : err.message;
}

/** Wallet path variable, standing in for neofs-cli's config file `wallet:` key. */
export const WALLET_PATH_ENV = 'AUTHMATE_WALLET';

export async function openWalletKey(args: { wallet?: string; address?: string }): Promise<WalletKey> {
  const path = args.wallet ?? process.env[WALLET_PATH_ENV];
  if (path === undefined || path === '') {
    throw new WalletError('missing', `no wallet: pass --wallet <path> (or set ${WALLET_PATH_ENV})`);
  }
  return openUserWallet(path, args.address);
}

/** `--verb/--cid/--oid` as a context fill; bad IDs exit 3, a bad verb 100. */
function contextFill(args: ContextArgs): ObjectContextFill | undefined {
  const fill: ObjectContextFill = {};
  if (args.verb !== undefined) {
    try {
      fill.verb = parseObjectVerb(args.verb);
    } catch (err) {
      throw CliError.wrap('invalid --verb', err, ExitCode.Usage);
    }
  }
  if (args.cid !== undefined) {
    try {
      fill.containerId = parseContainerId(args.cid);
    } catch (err) {
      throw CliError.wrap('invalid --cid', err, ExitCode.ContainerId);
    }
  }
  if (args.oid !== undefined && args.oid.length > 0) {
    fill.objectIds = args.oid.map((o) => {
      try {
        return parseObjectId(o);
      } catch (err) {
        throw CliError.wrap(`invalid --oid ${o}`, err, ExitCode.ContainerId);
      }
    });
  }
  return Object.keys(fill).length > 0 ? fill : undefined;
}

/**
 * neofs-cli's `--rpc-endpoint` also takes a multiaddr (`/ip4/127.0.0.1/tcp/8080`, `/dns4/host/tcp/8080/tls`);
 * our transport takes `host:port` / `grpcs://host:port`.
 */
export function rpcEndpointToPeer(endpoint: string): string {
  const m = /^\/(ip4|ip6|dns4|dns6|dns)\/([^/]+)\/tcp\/(\d+)(\/tls)?\/?$/.exec(endpoint.trim());
  if (!m) return endpoint;
  const host = m[1] === 'ip6' ? `[${m[2]}]` : m[2];
  return `${m[4] ? 'grpcs://' : ''}${host}:${m[3]}`;
}

const EPOCHS = /^[0-9]+$/;

function lifetimeFromArgs(args: SessionCreateArgs): { expireAt?: bigint; lifetime?: SessionLifetime } {
  const out: { expireAt?: bigint; lifetime?: SessionLifetime } = {};
  const e = args['expire-at'];
  if (e !== undefined) {
    if (!EPOCHS.test(e.trim())) throw new CliError(`invalid --expire-at ${JSON.stringify(e)}: expected an epoch number`, ExitCode.Lifetime);
    out.expireAt = BigInt(e.trim());
  }
  const l = args.lifetime;
  if (l !== undefined) {
    const t = l.trim();
    if (EPOCHS.test(t)) {
      if (BigInt(t) === 0n) throw new CliError('invalid --lifetime 0: at least 1 epoch', ExitCode.Lifetime);
      out.lifetime = { epochs: BigInt(t) };
    } else {
      let ms: number;
      try {
        ms = parseDuration(t);
      } catch (err) {
        throw CliError.wrap(`invalid --lifetime ${JSON.stringify(l)} (a number of epochs or a Go duration such as 24h)`, err, ExitCode.Lifetime);
      }
      if (!(ms >= 1000)) throw new CliError(`invalid --lifetime ${JSON.stringify(l)}: must be at least 1s`, ExitCode.Lifetime);
      out.lifetime = { durationMs: ms };
    }
  }
  return out;
}

export async function runSessionCreate(args: SessionCreateArgs): Promise<void> {
  const ctx = makeContext(args);
  const life = lifetimeFromArgs(args);
  const fill = contextFill(args);
  let context: SessionContextV1 | undefined;
  if (fill) {
    const filled = fillObjectContext({ id: new Uint8Array(16) }, fill).context;
    context = filled;
  }
  const key = await openWalletKey(args);
  const client = await connect(rpcEndpointToPeer(args['rpc-endpoint']), key.privateKey, Math.min(ctx.timeoutMs, 15_000), ctx);
  try {
    const created = await withDeadline(ctx.timeoutMs, "can't create session", () =>
      createDynamicSession({ client, ...life, ...(context ? { context } : {}), timeoutMs: ctx.timeoutMs }),
    ).catch((err) => {
      if (err instanceof CliError) throw err;
      if (err instanceof SessionLifetimeError) throw CliError.wrap('invalid session lifetime', err, ExitCode.Lifetime);
      throw CliError.wrap("can't create session", err, ExitCode.Issue);
    });
    const format = args.json ? 'json' : 'binary';
    try {
      await writeSessionTokenFile(args.out, created.token, format);
    } catch (err) {
      throw CliError.wrap("can't write token to file", err, ExitCode.Issue);
    }
    ctx.debug(`session created at epoch ${created.currentEpoch}`);
    ctx.result({ out: args.out, format, account: key.address, ...describeSessionToken(created.token) });
  } finally {
    key.privateKey.fill(0);
    client.close();
  }
}

/** Whether two paths name the same file (after symlinks, when the files exist). */
function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

export async function runSignSessionToken(args: SignSessionTokenArgs): Promise<void> {
  const ctx = makeContext(args);
  if (args.to !== undefined && sameFile(args.from, args.to)) {
    throw new CliError(
      `--to ${args.to} is the --from file: signing in place would lose the unsigned token; write the signed token to another file`,
      ExitCode.Usage,
    );
  }
  if (args.to !== undefined) {
    // Before the wallet is opened: never replace the wallet itself or a file that is not a token.
    const wallet = args.wallet ?? process.env[WALLET_PATH_ENV];
    try {
      await assertTokenFileReplaceable(args.to, wallet ? [{ path: wallet, what: 'the signing wallet' }] : []);
    } catch (err) {
      if (err instanceof SessionTokenFileError) throw new CliError(`--to: ${err.message}`, ExitCode.Usage, { cause: err });
      throw err;
    }
  }
  const fill = contextFill(args);
  let read;
  try {
    read = await readSessionTokenFile(args.from);
  } catch (err) {
    if (err instanceof SessionTokenFileError) throw new CliError(`decode session: ${err.message}`, ExitCode.SessionRules, { cause: err });
    throw err;
  }
  // Everything that does not need the key is checked before the wallet is opened.
  let token;
  try {
    token = fill ? fillObjectContext(read.token, fill) : read.token;
    checkReadyToSign(token, { requireContext: false });
  } catch (err) {
    if (err instanceof SessionTokenNotReadyError) throw new CliError(`${args.from}: ${withFlagHints(err)}`, ExitCode.SessionRules, { cause: err });
    throw err;
  }
  // As neofs-cli: a blank token is signed too (the session docs' example), but say what a node
  // will miss until `object put/delete` or --verb/--cid fill it in.
  const incomplete = missingForSigning(token);
  if (incomplete.length > 0) ctx.log(`warning: ${args.from}: ${describeMissing(incomplete, (p) => FLAG_HINTS[p])}; nodes refuse the token until it has them`);
  const key = await openWalletKey(args);
  let signed;
  try {
    signed = signPreparedSessionToken({ token, privateKey: key.privateKey, forceIssuer: args['force-issuer'], requireContext: false });
  } catch (err) {
    if (err instanceof SessionTokenNotReadyError || err instanceof TokenFormatError) {
      throw new CliError(`${args.from}: ${err instanceof SessionTokenNotReadyError ? withFlagHints(err) : err.message}`, ExitCode.SessionRules, { cause: err });
    }
    throw err;
  } finally {
    key.privateKey.fill(0);
  }
  if (args.to === undefined) {
    process.stdout.write(`${encodeSessionTokenJson(signed, 2)}\n`);
    return;
  }
  const format = args.json ? 'json' : read.format;
  try {
    await writeSessionTokenFile(args.to, signed, format);
  } catch (err) {
    throw CliError.wrap("can't write signed session token", err, ExitCode.Issue);
  }
  ctx.log(`signed session token saved in ${args.to}`);
  ctx.result({ to: args.to, format, ...describeSessionToken(signed) });
}
