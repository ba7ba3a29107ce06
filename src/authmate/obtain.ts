/**
 * `obtainSecret`: reads an access box from NeoFS and opens it with a gate's private key.
 */
import { openAccessBox, type AccessBoxFormat, type OpenedAccessBox } from '../box/box.js';
import { InvalidOptionError } from '../errors.js';
import { parseContainerId, parseObjectId, type Address } from '../neofs/refs.js';
import type { AuthmateStore } from './store.js';

const bad = (message: string, cause?: unknown): InvalidOptionError =>
  new InvalidOptionError('ACCESS_KEY_ID_INVALID', 'accessKeyId', message, cause === undefined ? {} : { cause });

/**
 * Splits `<cid>0<oid>` (base58 has no `0`). The `_` separator printed by neofs-authmate
 * v0.16–v0.18 is accepted too.
 */
export function parseAccessKeyId(id: string): Address {
  const text = id.trim();
  const sep = text.includes('0') ? '0' : text.includes('_') ? '_' : undefined;
  if (sep === undefined) throw bad(`access key id ${JSON.stringify(id)} has no "0" between the container id and the object id`);
  const parts = text.split(sep);
  if (parts.length !== 2) {
    throw bad(`access key id ${JSON.stringify(id)} must be <container id>${sep}<object id>, got ${parts.length} parts separated by "${sep}"`);
  }
  if (!parts[0] || !parts[1]) {
    throw bad(`access key id ${JSON.stringify(id)} must be <container id>${sep}<object id>: the ${parts[0] ? 'object' : 'container'} id is empty`);
  }
  let containerId;
  try {
    containerId = parseContainerId(parts[0]);
  } catch (err) {
    throw bad(`access key id: container id ${parts[0]}: ${(err as Error).message}`, err);
  }
  try {
    return { containerId, objectId: parseObjectId(parts[1]) };
  } catch (err) {
    throw bad(`access key id: object id ${parts[1]}: ${(err as Error).message}`, err);
  }
}

export interface ObtainSecretOptions {
  /** Where the box object is read from. */
  store: AuthmateStore;
  accessKeyId: string;
  /** The gate's 32-byte private key. */
  gatePrivateKey: Uint8Array;
  /** Also verify the tokens' signatures (default true). */
  verifyTokens?: boolean;
  timeoutMs?: number;
}

export interface ObtainSecretResult {
  secretAccessKey: string;
  format: AccessBoxFormat;
  box: OpenedAccessBox;
}

export async function obtainSecret(o: ObtainSecretOptions): Promise<ObtainSecretResult> {
  const address = parseAccessKeyId(o.accessKeyId);
  const got = await o.store.objectGet(address, o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs });
  const box = openAccessBox(got.payload, o.gatePrivateKey, { verifyTokens: o.verifyTokens ?? true });
  return { secretAccessKey: box.secretAccessKey, format: box.format, box };
}
