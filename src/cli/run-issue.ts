/**
 * issue-secret as the CLI runs it: flags are checked first (each class with the Go tool's exit
 * code), then the wallet is opened, then the peer is dialled, then the library does the work.
 */
import { dirname, resolve } from 'node:path';
import { AuthmateError, ExitCode } from '../errors.js';
import { assertCredentialsWritable, writeAwsCredentials } from '../aws/credentials.js';
import { issueSecret, IssueInputError, parseGateKeys } from '../issue/index.js';
import { AccessDeniedError } from '../neofs/status.js';
import { asContainerId, parseContainerId, type ContainerId } from '../neofs/refs.js';
import { containerPoliciesFromFlag } from '../policy/container-policies.js';
import { bearerRulesFromFlag, type EACLTable } from '../policy/eacl.js';
import { parsePlacementPolicy } from '../policy/placement-ql.js';
import { sessionRulesFromFlag, type SessionRule } from '../policy/session-rules.js';
import { formatDuration } from '../util/duration.js';
import { loadWalletKey, WALLET_PASSPHRASE_ENV } from '../wallet/index.js';
import type { IssueSecretArgs } from './commands/issue-secret.js';
import { durationFlag, makeContext } from './context.js';
import { terminalPrompt } from './password.js';
import { afterWallets, dial, withDeadline } from './network.js';

/** A stand-in container ID for checking rules before the real one is known. */
const PROBE_CID = asContainerId(new Uint8Array(32).fill(1));

/** Parses rules for a box container ID (they may name it as `%CID`); checks them now with a stand-in. */
function checkedNow<T>(parse: (cid: ContainerId) => T): (cid: ContainerId) => T {
  parse(PROBE_CID); // report bad rules before the wallet, the network or any write
  return parse;
}

function sessionRulesFromArgs(args: IssueSecretArgs, log: (m: string) => void): (cid: ContainerId) => readonly SessionRule[] {
  const g4 = args['box-format'] === 'g4';
  const common = { generation: g4 ? ('v0.45' as const) : ('v0.42' as const), objectVerbs: g4 };
  const tokens = args['session-tokens'];
  const legacy = args['session-rules'];
  if (tokens !== undefined && legacy !== undefined) {
    throw new AuthmateError('use either --session-tokens or the legacy --session-rules, not both', ExitCode.SessionRules);
  }
  if (legacy !== undefined) {
    if (!args['create-session-token']) {
      log("Warning: rules for session token were set but --create-session-token wasn't, so session token was not created");
      return () => [];
    }
    return checkedNow((cid) => sessionRulesFromFlag(legacy, { ...common, flag: 'session-rules', boxContainerId: cid }));
  }
  return checkedNow((cid) => sessionRulesFromFlag(tokens, { ...common, boxContainerId: cid }));
}

function bearerRulesFromArgs(args: IssueSecretArgs): ((cid: ContainerId) => EACLTable) | undefined {
  const text = args['bearer-rules'];
  if (text === undefined || text === '') return undefined;
  return checkedNow((cid) => bearerRulesFromFlag(text, { boxContainerId: cid })!);
}

function parseBasicAcl(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = /^0x[0-9a-f]{1,8}$/i.test(text) ? Number.parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) {
    throw new AuthmateError(`invalid --basic-acl ${JSON.stringify(text)}: expected a 32-bit number like 0x1C8C8CCE`, ExitCode.Usage);
  }
  return v;
}

export async function runIssueSecret(args: IssueSecretArgs): Promise<void> {
  const ctx = makeContext(args);

  // 1. Everything local, in the Go tool's order of exit codes.
  let existing: ContainerId | undefined;
  if (args['container-id'] !== undefined) {
    try {
      existing = parseContainerId(args['container-id']);
    } catch (err) {
      throw AuthmateError.wrap('failed to parse auth container id', err, ExitCode.ContainerId);
    }
  }
  try {
    parseGateKeys(args['gate-public-key']);
  } catch (err) {
    throw AuthmateError.wrap("failed to load gate's public key", err, ExitCode.GateKey);
  }
  const lifetimeMs = durationFlag('lifetime', args.lifetime, ExitCode.Lifetime);
  if (!(lifetimeMs > 0)) {
    throw new AuthmateError(`lifetime must be greater 0, current value: ${formatDuration(lifetimeMs)}`, ExitCode.Lifetime);
  }
  const containerPolicies = containerPoliciesFromFlag(args['container-policy']);
  const bearerRules = bearerRulesFromArgs(args);
  const sessionRules = sessionRulesFromArgs(args, ctx.log);
  if (args['box-format'] === 'g4') {
    // issueSecret refuses these too, but only after the wallet and the network: say it now.
    if (bearerRules) {
      throw new AuthmateError('--bearer-rules: not used by g4 boxes (neofs-s3-gw v0.43+ takes session tokens v2 only); use --session-tokens', ExitCode.Issue);
    }
    if (sessionRules(PROBE_CID).length === 0) {
      throw new AuthmateError('--session-tokens: a g4 box needs at least one session rule (without one the gateway could do nothing with these credentials)', ExitCode.SessionRules);
    }
  }
  let placementPolicy;
  if (existing === undefined) {
    try {
      placementPolicy = parsePlacementPolicy(args['container-placement-policy']);
    } catch (err) {
      throw AuthmateError.wrap('failed to issue secret: --container-placement-policy', err, ExitCode.Issue);
    }
  }
  const basicAcl = parseBasicAcl(args['basic-acl']);
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);
  const pollMs = Math.max(50, durationFlag('container-ops-poll-interval', args['container-ops-poll-interval'], ExitCode.Usage));
  const credsFile = args['aws-cli-credentials'];
  if (credsFile !== undefined) {
    try {
      await assertCredentialsWritable(credsFile);
    } catch (err) {
      // The writability probe's temp name would only confuse: name the missing directory instead.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AuthmateError(`failed to issue secret: couldn't open aws cli credentials file ${credsFile}: directory ${dirname(resolve(credsFile))} does not exist`, ExitCode.Issue);
      }
      throw AuthmateError.wrap('failed to issue secret: couldn\'t open aws cli credentials file', err, ExitCode.Issue);
    }
  }

  // 2. The wallet, while the peer is dialled (a wallet error is still reported first).
  const dialing = dial(args.peer, dialMs, ctx);
  const { wallets: user, client: dialled } = await afterWallets(
    dialing,
    loadWalletKey({
      path: args.wallet,
      ...(args.address === undefined ? {} : { address: args.address }),
      passwordEnv: WALLET_PASSPHRASE_ENV,
      prompt: terminalPrompt(WALLET_PASSPHRASE_ENV),
    }),
  );

  // 3. The work, signed with the user's key, under --timeout.
  const client = dialled.withSigner(user.privateKey);
  try {
    const result = await withDeadline(ctx.timeoutMs, 'failed to issue secret', () =>
      issueSecret({
        client,
        userPrivateKey: user.privateKey,
        gatePublicKeys: args['gate-public-key'],
        container:
          existing !== undefined
            ? { existing }
            : {
                create: {
                  placementPolicy: placementPolicy!,
                  ...(basicAcl === undefined ? {} : { basicAcl }),
                  ...(args['container-friendly-name'] ? { friendlyName: args['container-friendly-name'] } : {}),
                },
              },
        lifetimeMs,
        format: args['box-format'] as 'g1' | 'g2' | 'g3' | 'g4',
        ...(bearerRules ? { bearerRules } : {}),
        sessionRules,
        containerPolicies,
        timeoutMs: ctx.timeoutMs,
        pollIntervalMs: pollMs,
        onProgress: ctx.log,
      }),
    );
    ctx.result({
      access_key_id: result.accessKeyId,
      secret_access_key: result.secretAccessKey,
      owner_private_key: result.ownerPrivateKey,
      wallet_public_key: result.walletPublicKey,
      container_id: result.containerId,
    });
    if (credsFile !== undefined) {
      const profile = await writeAwsCredentials(credsFile, {
        accessKeyId: result.accessKeyId,
        secretAccessKey: result.secretAccessKey,
        objectId: result.objectId,
        ...(args.profile ? { profile: args.profile } : {}),
      }).catch((err) => {
        throw AuthmateError.wrap('failed to issue secret: couldn\'t write aws cli credentials file', err, ExitCode.Issue);
      });
      ctx.log(`credentials written to ${credsFile} as profile [${profile}]`);
    }
  } catch (err) {
    if (err instanceof AuthmateError) throw err;
    if (err instanceof AccessDeniedError) {
      const where = existing !== undefined ? `container ${args['container-id']}` : 'the new container';
      throw AuthmateError.wrap(`failed to issue secret: the node refused to store the access box in ${where} (its basic ACL or eACL must let this wallet PUT objects)`, err, ExitCode.Issue);
    }
    if (err instanceof IssueInputError) throw AuthmateError.wrap('failed to issue secret', err, ExitCode.Issue);
    throw AuthmateError.wrap('failed to issue secret', err, ExitCode.Issue);
  } finally {
    client.close();
  }
}
