/**
 * `util sign bearer-token` and `bearer create` as the CLI runs them: local inputs first (flags,
 * files), then the wallet, then the node (only `bearer create` with relative epochs). Exit codes:
 * `BEARER_FAILURES` in failures.ts.
 */
import { withField } from '../errors.js';
import { parseOwnerId, ownerIdToString, type OwnerId } from '../neofs/refs.js';
import { readBearerRules } from '../policy/eacl.js';
import {
  createBearerToken,
  describeBearerToken,
  encodeBearerTokenJson,
  needsCurrentEpoch,
  parseEpochInput,
  readBearerTokenFile,
  resolveBearerEpochs,
  signBearerTokenWithKey,
  writeBearerTokenFile,
  BearerLifetimeError,
  type BearerEpochInputs,
} from '../session/index.js';
import type { BearerCreateArgs, SignBearerTokenArgs } from './base/args.js';
import { makeContext } from './base/context.js';
import { BEARER_FAILURES, CliError, ExitCode, mapFailures } from './base/failures.js';
import { dial, withDeadline } from './network.js';
import { openWalletKey, rpcEndpointToPeer } from './run-session.js';

export async function runSignBearerToken(args: SignBearerTokenArgs): Promise<void> {
  const ctx = makeContext(args);
  await mapFailures(BEARER_FAILURES, async () => {
    const read = await readBearerTokenFile(args.from);
    const key = await openWalletKey(args);
    let signed;
    try {
      signed = signBearerTokenWithKey(read.token, key.privateKey);
    } finally {
      key.privateKey.fill(0);
    }
    if (signed.foreignIssuer !== undefined) {
      ctx.log(
        `warning: ${args.from}: the issuer ${ownerIdToString(signed.foreignIssuer)} is kept (as neofs-cli) but is not the signing account ${key.address}; nodes refuse such a token`,
      );
    }
    if (args.to === undefined) {
      process.stdout.write(`${encodeBearerTokenJson(signed.token, 2)}\n`);
      return;
    }
    // As neofs-cli: binary unless --json (whatever form --from had).
    const format = args.json ? 'json' : 'binary';
    await writeBearerTokenFile(args.to, signed.token, format);
    ctx.log(`signed bearer token was successfully dumped to ${args.to}`);
  });
}

function epochFlag(text: string | undefined, flag: string) {
  return text === undefined || text === '' ? undefined : parseEpochInput(text.trim(), `--${flag}`);
}

/** `--lifetime`: a uint64 number of epochs, as neofs-cli's flag. */
function lifetimeFlag(text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^[0-9]+$/.test(t)) throw new BearerLifetimeError(`invalid --lifetime ${JSON.stringify(text)}: expected a number of epochs`);
  return BigInt(t);
}

export async function runBearerCreate(args: BearerCreateArgs): Promise<void> {
  const ctx = makeContext(args);
  await mapFailures(BEARER_FAILURES, async () => {
    const epochs: BearerEpochInputs = {};
    const iat = epochFlag(args['issued-at'], 'issued-at');
    const nbf = epochFlag(args['not-valid-before'], 'not-valid-before');
    const exp = epochFlag(args['expire-at'], 'expire-at');
    const lifetime = lifetimeFlag(args.lifetime);
    if (iat) epochs.issuedAt = iat;
    if (nbf) epochs.notValidBefore = nbf;
    if (exp) epochs.expireAt = exp;
    if (lifetime !== undefined) epochs.lifetime = lifetime;
    if (exp === undefined && (lifetime === undefined || lifetime === 0n)) {
      throw new BearerLifetimeError('no expiration: give --expire-at or a non-zero --lifetime');
    }
    const owner = args.owner.trim();
    const ownerId: OwnerId | undefined = owner.toLowerCase() === 'any' ? undefined : withField('owner', () => parseOwnerId(owner));
    const eaclTable = readBearerRules(args.eacl);

    let currentEpoch: bigint | undefined;
    if (needsCurrentEpoch(epochs) || iat === undefined || nbf === undefined) {
      const endpoint = args['rpc-endpoint'];
      if (endpoint === undefined || endpoint === '') {
        if (needsCurrentEpoch(epochs)) {
          throw new CliError('relative epochs (+n) and --lifetime need the current epoch: give --rpc-endpoint', ExitCode.Usage);
        }
      } else {
        const client = await dial(rpcEndpointToPeer(endpoint), Math.min(ctx.timeoutMs, 15_000), ctx).ready;
        try {
          const net = await withDeadline(ctx.timeoutMs, "can't fetch current epoch", () => client.networkInfo({ timeoutMs: ctx.timeoutMs }));
          currentEpoch = net.currentEpoch;
        } catch (err) {
          throw CliError.wrap("can't fetch current epoch", err, ExitCode.NeoFS);
        } finally {
          client.close();
        }
      }
    }
    const token = createBearerToken({
      ...(eaclTable !== undefined ? { eaclTable } : {}),
      ...(ownerId !== undefined ? { ownerId } : {}),
      lifetime: resolveBearerEpochs(epochs, currentEpoch),
    });
    const format = args.json ? 'json' : 'binary';
    await writeBearerTokenFile(args.out, token, format);
    ctx.result({ out: args.out, format, ...describeBearerToken(token) });
  });
}
