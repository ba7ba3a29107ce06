/** inspect as the CLI runs it: a box in NeoFS (--access-key-id, --peer) or a file (--file). */
import { inspectAccessBox, inspectFile } from '../authmate/inspect.js';
import { parseAccessKeyId } from '../authmate/obtain.js';
import { AuthmateError } from '../errors.js';
import { FILE_LIMITS, FileInputError, readBoundedFile } from '../util/files.js';
import type { WalletKey } from '../wallet/index.js';
import type { InspectArgs } from './base/args.js';
import { durationFlag, makeContext, type CliContext } from './base/context.js';
import { CliError, ExitCode, inspectFailures, mapFailures } from './base/failures.js';
import { afterWallets, dial, withDeadline } from './network.js';
import { openGateWallet, openUserWallet } from './wallets.js';
import { formatTable } from './table.js';

function print(ctx: CliContext, args: InspectArgs, report: unknown): void {
  if (args.table) process.stdout.write(formatTable(report));
  else ctx.result(report);
}

async function gateWallet(args: InspectArgs): Promise<WalletKey | undefined> {
  if (args['gate-wallet'] === undefined) return undefined;
  return openGateWallet(args['gate-wallet'], args['gate-address']);
}

export async function runInspect(args: InspectArgs): Promise<void> {
  const ctx = makeContext(args);
  if (args['show-secret'] && args['gate-wallet'] === undefined) {
    throw new CliError('--show-secret needs --gate-wallet: only a gate key opens the secret', ExitCode.Usage);
  }
  if (args.file !== undefined) {
    if (args['access-key-id'] !== undefined || args.peer !== undefined) {
      throw new CliError('--file reads a file offline: give either --file or --access-key-id with --peer', ExitCode.Usage);
    }
    const path = args.file;
    const failures = inspectFailures(path);
    const gate = await mapFailures(failures, () => gateWallet(args));
    const report = await mapFailures(failures, async () => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readBoundedFile(path, { maxBytes: FILE_LIMITS.inspectFile, what: 'file', allowFifo: true }));
      } catch (err) {
        const code = ((err instanceof FileInputError ? err.cause : err) as NodeJS.ErrnoException | undefined)?.code;
        throw new AuthmateError('FILE_UNREADABLE', `can't read it: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { field: 'file', cause: err });
      }
      return inspectFile(bytes, { ...(gate ? { gatePrivateKey: gate.privateKey } : {}), showSecret: args['show-secret'] });
    });
    print(ctx, args, { file: path, ...report });
    return;
  }

  const id = args['access-key-id'];
  if (id === undefined || args.peer === undefined) {
    throw new CliError('inspect needs --access-key-id and --peer (or --file for a file)', ExitCode.Usage);
  }
  const failures = inspectFailures(id);
  await mapFailures(failures, () => parseAccessKeyId(id));
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);
  const dialing = dial(args.peer, dialMs, ctx);
  const wallets = mapFailures(failures, async () => {
    const user = args.wallet === undefined ? undefined : await openUserWallet(args.wallet, args.address);
    return { user, gate: await gateWallet(args) };
  });
  const { wallets: keys, client } = await afterWallets(dialing, wallets);
  // Reading needs no particular key: the user's, else the gate's, else dial's throw-away key signs.
  const signer = keys.user ?? keys.gate;
  const store = signer ? client.withSigner(signer.privateKey) : client;
  try {
    const report = await mapFailures(failures, () =>
      withDeadline(ctx.timeoutMs, `failed to inspect ${id}`, () =>
        inspectAccessBox({
          store,
          accessKeyId: id,
          ...(keys.gate ? { gatePrivateKey: keys.gate.privateKey } : {}),
          showSecret: args['show-secret'],
          timeoutMs: ctx.timeoutMs,
        }),
      ),
    );
    print(ctx, args, report);
  } finally {
    store.close();
  }
}
