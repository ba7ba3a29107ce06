/**
 * revoke as the CLI runs it: confirmation (a terminal prompt, or --yes), the owner's wallet, then
 * the library's checks and the delete; afterwards a plain word on gateway caches.
 */
import {
  GATEWAY_ACCESSBOX_CACHE_DEFAULT,
  GATEWAY_ACCESSBOX_CACHE_ENV,
  GATEWAY_ACCESSBOX_CACHE_SETTING,
  revokeAccessBox,
} from '../authmate/revoke.js';
import { parseAccessKeyId } from '../authmate/obtain.js';
import type { RevokeArgs } from './base/args.js';
import { askYesNo, canAsk } from './confirm.js';
import { durationFlag, makeContext } from './base/context.js';
import { CliError, ExitCode, mapFailures, revokeFailures } from './base/failures.js';
import { afterWallets, dial } from './network.js';
import { openUserWallet } from './wallets.js';

export const CACHE_NOTE =
  `Gateways that already loaded this box may keep serving its credentials until their cache entry expires: ` +
  `neofs-s3-gw setting ${GATEWAY_ACCESSBOX_CACHE_SETTING} (${GATEWAY_ACCESSBOX_CACHE_ENV}, default ${GATEWAY_ACCESSBOX_CACHE_DEFAULT}). ` +
  `The tokens inside stay valid until they expire for anyone who already copied them.`;

export async function runRevoke(args: RevokeArgs): Promise<void> {
  const ctx = makeContext(args);
  const id = args['access-key-id'];
  const failures = revokeFailures(id);
  await mapFailures(failures, () => parseAccessKeyId(id));
  // Decided before any wallet or network work: a script without --yes fails at once, never hangs.
  if (!args.yes && !canAsk()) {
    throw new CliError('revoke deletes the access box and asks first, but stdin is not a terminal: pass --yes to revoke without asking', ExitCode.Usage);
  }
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);
  const dialing = dial(args.peer, dialMs, ctx);
  const wallet = mapFailures(failures, () => openUserWallet(args.wallet, args.address));
  const { wallets: user, client } = await afterWallets(dialing, wallet);
  const store = client.withSigner(user.privateKey);
  try {
    // No overall deadline: the prompt waits for a person; each node call has --timeout.
    const result = await mapFailures(failures, () =>
      revokeAccessBox({
        store,
        userPrivateKey: user.privateKey,
        accessKeyId: id,
        timeoutMs: ctx.timeoutMs,
        ...(args.yes
          ? {}
          : { confirm: (box) => askYesNo(`Delete access box ${box.accessKeyId} (${box.format}, owner ${box.owner})? Its credentials stop working for new gateway loads.`) }),
      }),
    );
    ctx.log(`access box ${result.accessKeyId} deleted (tombstone ${result.tombstone})`);
    ctx.log(CACHE_NOTE);
    ctx.result({ access_key_id: result.accessKeyId, tombstone: result.tombstone });
  } finally {
    store.close();
  }
}
