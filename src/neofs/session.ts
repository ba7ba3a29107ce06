/**
 * SessionService (`neo.fs.v2.session`) bodies: a node generates and keeps a session key that
 * signs objects put within a v1 object session token (node-prepared objects). Also the
 * AccountingService balance bodies (same owner-keyed shape).
 */
import { ProtoMessage, ProtoWriter, type Uint64 } from './proto/wire.js';
import { NeoFSFormatError, type OwnerId, encodeOwnerIdMessage } from './refs.js';
import {
  F_BALANCE_REQUEST_BODY,
  F_BALANCE_RESPONSE_BODY,
  F_CREATE_SESSION_REQUEST_BODY,
  F_CREATE_SESSION_RESPONSE_BODY,
  F_DECIMAL,
} from './proto/fields.js';

/** `SessionService.Create` request body `{owner_id=1, expiration=2}`. */
export function encodeCreateSessionBody(ownerId: OwnerId, expiration: Uint64): Uint8Array {
  return new ProtoWriter()
    .message(F_CREATE_SESSION_REQUEST_BODY.ownerId, encodeOwnerIdMessage(ownerId))
    .uint64(F_CREATE_SESSION_REQUEST_BODY.expiration, expiration)
    .finish();
}

/** `CreateResponse.Body{id=1, session_key=2}`. */
export function decodeCreateSessionResponseBody(buf: Uint8Array | undefined): { id: Uint8Array; sessionKey: Uint8Array } {
  const m = new ProtoMessage(buf ?? new Uint8Array());
  const id = m.bytes(F_CREATE_SESSION_RESPONSE_BODY.id);
  const key = m.bytes(F_CREATE_SESSION_RESPONSE_BODY.sessionKey);
  if (id === undefined || key === undefined) throw new NeoFSFormatError('session Create response lacks the session ID or key');
  return { id, sessionKey: key };
}

/** An accounting balance: `value / 10^precision` GAS. */
export interface Decimal {
  value: bigint;
  precision: number;
}

/** `AccountingService.Balance` request body `{owner_id=1}`. */
export function encodeBalanceBody(ownerId: OwnerId): Uint8Array {
  return new ProtoWriter().message(F_BALANCE_REQUEST_BODY.ownerId, encodeOwnerIdMessage(ownerId)).finish();
}

/** `BalanceResponse.Body{balance=1 Decimal{value=1 int64, precision=2 uint32}}`. */
export function decodeBalanceResponseBody(buf: Uint8Array | undefined): Decimal {
  const d = new ProtoMessage(buf ?? new Uint8Array()).bytes(F_BALANCE_RESPONSE_BODY.balance);
  if (d === undefined) throw new NeoFSFormatError('Balance response has no balance');
  const m = new ProtoMessage(d);
  return { value: BigInt.asIntN(64, m.bigint(F_DECIMAL.value) ?? 0n), precision: m.number(F_DECIMAL.precision) ?? 0 };
}
