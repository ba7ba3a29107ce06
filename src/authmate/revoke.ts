/**
 * `revokeAccessBox`: deletes an access box object with its owner's key, so no gateway can load
 * it again. Gateways that already loaded it keep it in their cache until the cache entry
 * expires (neofs-s3-gw: `cache.accessbox.lifetime`, 10m by default), which callers must say.
 */
import { AuthmateError } from '../errors.js';
import { outlineAccessBox } from '../box/inspect.js';
import { AccessBoxError } from '../box/box.js';
import { publicKeyFromPrivate } from '../crypto/keys.js';
import { equalBytes } from '../neofs/object.js';
import { addressToString, ownerIdFromPublicKey, ownerIdToString, type Address } from '../neofs/refs.js';
import { accessKeyId as formatAccessKeyId } from './issue.js';
import { parseAccessKeyId } from './obtain.js';
import type { AuthmateStore } from './store.js';

/** The neofs-s3-gw (v0.45) setting for how long a gateway keeps a loaded access box. */
export const GATEWAY_ACCESSBOX_CACHE_SETTING = 'cache.accessbox.lifetime';
/** Its environment form and default. */
export const GATEWAY_ACCESSBOX_CACHE_ENV = 'S3_GW_CACHE_ACCESSBOX_LIFETIME';
export const GATEWAY_ACCESSBOX_CACHE_DEFAULT = '10m';

export interface RevokeOptions {
  /** Acting as the user: it signs the delete. */
  store: AuthmateStore;
  /** The user's 32-byte private key: the box object must be owned by it. */
  userPrivateKey: Uint8Array;
  accessKeyId: string;
  timeoutMs?: number;
  /**
   * Asked after the checks, before the delete (the CLI's terminal prompt); false cancels with
   * `REVOKE_CANCELLED` and nothing is deleted.
   */
  confirm?: (box: { accessKeyId: string; owner: string; format: string; payloadBytes: number }) => boolean | Promise<boolean>;
}

export interface RevokeResult {
  accessKeyId: string;
  /** `<container id>/<object id>` of the tombstone the node wrote. */
  tombstone: string;
  tombstoneAddress: Address;
}

/**
 * Reads the object first: only the box's owner may revoke it (`NOT_BOX_OWNER`), and only an
 * access box is deleted (`NOT_A_BOX`), so a mistyped ID never removes another object.
 */
export async function revokeAccessBox(o: RevokeOptions): Promise<RevokeResult> {
  const address = parseAccessKeyId(o.accessKeyId);
  const shown = formatAccessKeyId(address.containerId, address.objectId);
  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };
  const got = await o.store.objectGet(address, call);
  const me = ownerIdFromPublicKey(publicKeyFromPrivate(o.userPrivateKey));
  let format: string;
  try {
    format = outlineAccessBox(got.payload).generation;
  } catch (err) {
    if (err instanceof AccessBoxError && (err.code === 'NOT_A_BOX' || err.code === 'UNSUPPORTED')) {
      throw new AuthmateError('NOT_A_BOX', `object ${shown} is not an access box, not deleting it: ${err.message}`, { field: 'accessKeyId', cause: err });
    }
    throw err;
  }
  if (!equalBytes(got.header.ownerId, me)) {
    throw new AuthmateError(
      'NOT_BOX_OWNER',
      `access box ${shown} belongs to ${ownerIdToString(got.header.ownerId)}, not to this wallet's account ${ownerIdToString(me)}; only its owner can revoke it`,
      { field: 'accessKeyId' },
    );
  }
  if (o.confirm !== undefined && !(await o.confirm({ accessKeyId: shown, owner: ownerIdToString(me), format, payloadBytes: got.payload.length }))) {
    throw new AuthmateError('REVOKE_CANCELLED', `not revoked: ${shown} was left as it is`, { field: 'accessKeyId' });
  }
  const tombstoneAddress = await o.store.objectDelete(address, call);
  return { accessKeyId: shown, tombstone: addressToString(tombstoneAddress), tombstoneAddress };
}
