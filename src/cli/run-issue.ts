/**
 * issue-secret as the CLI runs it: flags become one `IssueInput` that the library checks (in the
 * Go tool's order of exit codes), then the wallet is opened while the peer is dialled, then the
 * prepared input runs against the node. Errors become exit codes in one table (failures.ts).
 */
import { dirname, resolve } from 'node:path';
import { assertCredentialsWritable, writeAwsCredentials } from '../aws/credentials.js';
import { DEFAULT_BOX_FORMAT } from '../authmate/defaults.js';
import { issuePrepared, prepareIssue, type IssueInput, type IssueSecretResult } from '../authmate/issue.js';
import type { AccessBoxFormat } from '../box/box.js';
import type { ContainerId } from '../neofs/refs.js';
import type { IssueSecretArgs } from './base/args.js';
import { durationFlag, makeContext, type CliContext } from './base/context.js';
import { CliError, ExitCode, issueFailures, mapFailures } from './base/failures.js';
import { afterWallets, dial, withDeadline } from './network.js';
import { openUserWallet } from './wallets.js';

/**
 * Which session rules the flags give: `--session-tokens`, or the 2021 `--session-rules` with
 * `--create-session-token`. Both at once is refused when the library reads the rules (a function
 * input), so the error keeps its place in the Go order.
 */
function sessionRulesFromArgs(args: IssueSecretArgs, log: (m: string) => void): IssueInput['sessionRules'] {
  const tokens = args['session-tokens'];
  const legacy = args['session-rules'];
  if (tokens !== undefined && legacy !== undefined) {
    return () => {
      throw new CliError('use either --session-tokens or the legacy --session-rules, not both', ExitCode.SessionRules);
    };
  }
  if (legacy === undefined) return tokens;
  if (!args['create-session-token']) {
    log("Warning: rules for session token were set but --create-session-token wasn't, so session token was not created");
    return 'none';
  }
  return legacy;
}

function parseBasicAcl(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = /^0x[0-9a-f]{1,8}$/i.test(text) ? Number.parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) {
    throw new CliError(`invalid --basic-acl ${JSON.stringify(text)}: expected a 32-bit number like 0x1C8C8CCE`, ExitCode.Usage);
  }
  return v;
}

/**
 * The flags as the library's input. Flag syntax is checked here (a malformed duration or number
 * is a usage error, exit 100, as Go's flag parser makes it); what the values mean, in the library.
 * `--batch` runs it once per line, on the line's keys merged over the command line's flags.
 */
export function inputFromArgs(args: IssueSecretArgs, log: (message: string) => void, format: AccessBoxFormat): IssueInput {
  const lifetimeMs = durationFlag('lifetime', args.lifetime, ExitCode.Usage);
  const bearerRules = args['bearer-rules'];
  const basicAcl = parseBasicAcl(args['basic-acl']);
  const name = args['container-friendly-name'];
  return {
    gatePublicKeys: args['gate-public-key'] ?? [],
    container:
      args['container-id'] !== undefined
        ? { existing: args['container-id'] }
        : {
            create: {
              placementPolicy: args['container-placement-policy'],
              ...(basicAcl === undefined ? {} : { basicAcl }),
              ...(name ? { friendlyName: name } : {}),
            },
          },
    lifetimeMs,
    format,
    ...(bearerRules === undefined || bearerRules === '' ? {} : { bearerRules }),
    ...((sessionRules) => (sessionRules === undefined ? {} : { sessionRules }))(sessionRulesFromArgs(args, log)),
    ...(args['container-policy'] === undefined ? {} : { containerPolicies: args['container-policy'] }),
    ...(args.preset === undefined ? {} : { preset: args.preset }),
    ...(args.bucket === undefined ? {} : { bucket: args.bucket }),
  };
}

/**
 * `--box-format`, else g4 (what neofs-s3-gw v0.45+ reads), except that bearer rules and the 2021
 * session flags mean a gateway of bearer-token times: then g3, said in one line.
 */
export function boxFormat(args: IssueSecretArgs): { format: AccessBoxFormat; notice?: string } {
  if (args['box-format'] !== undefined) return { format: args['box-format'] as AccessBoxFormat };
  const legacy = ['bearer-rules', 'create-session-token', 'session-rules'].filter((f) => {
    const v = args[f as keyof IssueSecretArgs];
    return v !== undefined && v !== false && v !== '';
  });
  if (legacy.length === 0) return { format: DEFAULT_BOX_FORMAT };
  const notice = `using --box-format g3 (bearer token and session v1, read by neofs-s3-gw v0.37-v0.44) because of --${legacy.join(', --')}; give --box-format to choose`;
  return { format: 'g3', notice };
}

/** The fields issue-secret prints (as the Go tool). */
export function resultFields(result: IssueSecretResult): Record<string, string> {
  return {
    access_key_id: result.accessKeyId,
    secret_access_key: result.secretAccessKey,
    owner_private_key: result.ownerPrivateKey,
    wallet_public_key: result.walletPublicKey,
    container_id: result.containerId,
  };
}

async function checkCredentialsFile(file: string): Promise<void> {
  try {
    await assertCredentialsWritable(file);
  } catch (err) {
    // The writability probe's temp name would only confuse: name the missing directory instead.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CliError(`failed to issue secret: couldn't open aws cli credentials file ${file}: directory ${dirname(resolve(file))} does not exist`, ExitCode.Issue);
    }
    throw CliError.wrap("failed to issue secret: couldn't open aws cli credentials file", err, ExitCode.Issue);
  }
}

/** The exit-code table for one issue (a whole run, or one line of a batch). */
export function failuresFor(args: IssueSecretArgs): ReturnType<typeof issueFailures> {
  const sessionFlag = args['session-rules'] !== undefined ? 'session-rules' : 'session-tokens';
  return issueFailures(sessionFlag, args['container-id'] !== undefined ? `container ${args['container-id']}` : 'the new container');
}

/**
 * The wallet's key (asked for once), while the peer is dialled and, given `existing`, that
 * container is looked up (its errors are reported only when awaited: wallet errors come first);
 * errors by `failures`.
 */
export async function openWalletAndDial(args: IssueSecretArgs, ctx: CliContext, failures: ReturnType<typeof issueFailures>, existing?: ContainerId) {
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);
  const dialing = dial(args.peer, dialMs, ctx);
  const existingContainer = existing && dialing.ready.then((c) => c.containerGet(existing, { timeoutMs: ctx.timeoutMs }));
  existingContainer?.catch(() => {}); // reported when awaited
  const { wallets: user, client } = await afterWallets(
    dialing,
    mapFailures(failures, () => openUserWallet(args.wallet, args.address)),
  );
  return { userPrivateKey: user.privateKey, store: client.withSigner(user.privateKey), network: await dialing.network, existingContainer };
}

export async function runIssueSecret(args: IssueSecretArgs): Promise<void> {
  if (args.batch !== undefined) {
    const { runIssueBatch } = await import('./run-issue-batch.js');
    return runIssueBatch(args, args.batch);
  }
  const ctx = makeContext(args);
  const failures = failuresFor(args);

  // 1. Everything local, once, in the Go tool's order of exit codes.
  const { format, notice } = boxFormat(args);
  const prepared = await mapFailures(failures, () => prepareIssue(inputFromArgs(args, ctx.log, format)));
  if (notice) ctx.log(notice); // once the inputs are known to be good, so an error stays the first line
  const pollMs = Math.max(50, durationFlag('container-ops-poll-interval', args['container-ops-poll-interval'], ExitCode.Usage));
  const credsFile = args['aws-cli-credentials'];
  if (credsFile !== undefined) await checkCredentialsFile(credsFile);

  // 2. The wallet, while the peer is dialled (a wallet error is still reported first).
  const existing = 'existing' in prepared.container ? prepared.container.existing : undefined;
  const { store, userPrivateKey, network, existingContainer } = await openWalletAndDial(args, ctx, failures, existing);

  // 3. The work, signed with the user's key, under --timeout. A failure after a container was
  // created for the box names it, so a rerun can use it instead of making another one.
  let created: string | undefined;
  try {
    const result = await mapFailures(failures, () =>
      withDeadline(ctx.timeoutMs, 'failed to issue secret', () =>
        issuePrepared(prepared, {
          store,
          userPrivateKey,
          network, // both read while the wallet decrypted: round trips saved after the key
          ...(existingContainer ? { existingContainer } : {}),
          timeoutMs: ctx.timeoutMs,
          pollIntervalMs: pollMs,
          onProgress: ctx.log,
          onContainerCreating: (cid) => (created = cid),
        }),
      ),
    ).catch((err: CliError) => {
      if (created === undefined) throw err;
      throw new CliError(`${err.message}\ncontainer ${created} was created for the box and may exist: rerun with --container-id ${created}`, err.exitCode, { cause: err });
    });
    ctx.result(resultFields(result));
    if (credsFile !== undefined) {
      const profile = await writeAwsCredentials(credsFile, {
        accessKeyId: result.accessKeyId,
        secretAccessKey: result.secretAccessKey,
        objectId: result.objectId,
        ...(args.profile ? { profile: args.profile } : {}),
      }).catch((err) => {
        throw CliError.wrap("failed to issue secret: couldn't write aws cli credentials file", err, ExitCode.Issue);
      });
      ctx.log(`credentials written to ${credsFile} as profile [${profile}]`);
    }
  } finally {
    store.close();
  }
}
