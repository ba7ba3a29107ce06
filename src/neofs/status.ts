/**
 * NeoFS API statuses (`neo.fs.v2.status.Status`, carried in `ResponseMetaHeader.status`) and the
 * client's typed errors. A NeoFS failure arrives with gRPC status OK; only the meta header says
 * what went wrong. `code = 1024 × section + local` (sections: 0 success, 1 common, 2 object,
 * 3 container, 4 session).
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { ProtoMessage } from './proto/wire.js';
import { F_STATUS, F_STATUS_DETAIL } from './proto/fields.js';

export const StatusCode = {
  OK: 0,
  INCOMPLETE: 1,
  INTERNAL: 1024,
  WRONG_MAGIC_NUMBER: 1025,
  SIGNATURE_VERIFICATION_FAIL: 1026,
  NODE_UNDER_MAINTENANCE: 1027,
  BAD_REQUEST: 1028,
  BUSY: 1029,
  ACCESS_DENIED: 2048,
  OBJECT_NOT_FOUND: 2049,
  LOCKED: 2050,
  LOCK_NON_REGULAR_OBJECT: 2051,
  OBJECT_ALREADY_REMOVED: 2052,
  OUT_OF_RANGE: 2053,
  QUOTA_EXCEEDED: 2054,
  CONTAINER_NOT_FOUND: 3072,
  EACL_NOT_FOUND: 3073,
  CONTAINER_LOCKED: 3074,
  CONTAINER_AWAIT_TIMEOUT: 3075,
  TOKEN_NOT_FOUND: 4096,
  TOKEN_EXPIRED: 4097,
} as const;

export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

const NAMES = new Map<number, string>(Object.entries(StatusCode).map(([k, v]) => [v, k]));

const DESCRIPTIONS: Record<number, string> = {
  [StatusCode.INTERNAL]: 'internal server error',
  [StatusCode.WRONG_MAGIC_NUMBER]: 'wrong network magic number',
  [StatusCode.SIGNATURE_VERIFICATION_FAIL]: 'the node could not verify the request signatures',
  [StatusCode.NODE_UNDER_MAINTENANCE]: 'node is under maintenance',
  [StatusCode.BAD_REQUEST]: 'bad request',
  [StatusCode.BUSY]: 'node is busy, retry later',
  [StatusCode.ACCESS_DENIED]: 'access denied',
  [StatusCode.OBJECT_NOT_FOUND]: 'object not found',
  [StatusCode.LOCKED]: 'object is locked',
  [StatusCode.LOCK_NON_REGULAR_OBJECT]: 'only regular objects can be locked',
  [StatusCode.OBJECT_ALREADY_REMOVED]: 'object already removed',
  [StatusCode.OUT_OF_RANGE]: 'payload range out of bounds',
  [StatusCode.QUOTA_EXCEEDED]: 'quota exceeded',
  [StatusCode.CONTAINER_NOT_FOUND]: 'container not found',
  [StatusCode.EACL_NOT_FOUND]: 'extended ACL not found',
  [StatusCode.CONTAINER_LOCKED]: 'container is locked',
  [StatusCode.CONTAINER_AWAIT_TIMEOUT]: 'container operation was sent but not executed in time (it may still succeed)',
  [StatusCode.TOKEN_NOT_FOUND]: 'session token not found on this node',
  [StatusCode.TOKEN_EXPIRED]: 'session token expired',
};

export interface StatusDetail {
  id: number;
  value: Uint8Array;
}

/** A decoded `status.Status`. */
export interface Status {
  code: number;
  message: string;
  details: StatusDetail[];
}

export function decodeStatus(buf: Uint8Array): Status {
  const m = new ProtoMessage(buf);
  return {
    code: m.number(F_STATUS.code) ?? 0,
    message: m.string(F_STATUS.message) ?? '',
    details: m.repeatedBytes(F_STATUS.details).map((d) => {
      const dm = new ProtoMessage(d);
      return { id: dm.number(F_STATUS_DETAIL.id) ?? 0, value: dm.bytes(F_STATUS_DETAIL.value) ?? new Uint8Array() };
    }),
  };
}

/** Whether a status code means failure (codes below 1024 are successes, 1 = INCOMPLETE included). */
export function isFailure(code: number): boolean {
  return code >= 1024;
}

/** A request the node answered with a failure status. `code` and `statusMessage` are the node's. */
export class NeoFSStatusError extends AuthmateError {
  /** The node's numeric status code (`code` is its name, e.g. `ACCESS_DENIED`). */
  readonly status: number;
  readonly statusMessage: string;
  readonly details: StatusDetail[];

  constructor(status: Status, context?: string) {
    const name = NAMES.get(status.code) ?? `status ${status.code}`;
    const what = DESCRIPTIONS[status.code] ?? `${sectionName(status.code)} failure`;
    const extra = [status.message, detailText(status)].filter((s) => s && !what.includes(s)).join('; ');
    super(NAMES.get(status.code) ?? `STATUS_${status.code}`, `${context ? `${context}: ` : ''}${what} (${name}${extra ? `: ${extra}` : ''})`);
    this.status = status.code;
    this.statusMessage = status.message;
    this.details = status.details;
  }
}

export class AccessDeniedError extends NeoFSStatusError {
  /** The node's reason (status detail 0), e.g. "bearer token has expired". */
  get reason(): string | undefined {
    const d = this.details.find((x) => x.id === 0);
    return d && new TextDecoder().decode(d.value);
  }
}
export class ObjectNotFoundError extends NeoFSStatusError {
}
export class ObjectAlreadyRemovedError extends NeoFSStatusError {
}
export class ContainerNotFoundError extends NeoFSStatusError {
}
export class EACLNotFoundError extends NeoFSStatusError {
}
export class ContainerAwaitTimeoutError extends NeoFSStatusError {
}
export class TokenNotFoundError extends NeoFSStatusError {
}
export class TokenExpiredError extends NeoFSStatusError {
}
export class WrongMagicNumberError extends NeoFSStatusError {
  /** The network's magic (status detail 0, 8 bytes big-endian). */
  get expectedMagic(): bigint | undefined {
    const d = this.details.find((x) => x.id === 0);
    return d && d.value.length === 8 ? new DataView(d.value.buffer, d.value.byteOffset, 8).getBigUint64(0, false) : undefined;
  }
}
export class SignatureVerificationFailedError extends NeoFSStatusError {
}
export class BusyError extends NeoFSStatusError {
}
export class NodeUnderMaintenanceError extends NeoFSStatusError {
}

const CLASSES: Record<number, new (s: Status, context?: string) => NeoFSStatusError> = {
  [StatusCode.ACCESS_DENIED]: AccessDeniedError,
  [StatusCode.OBJECT_NOT_FOUND]: ObjectNotFoundError,
  [StatusCode.OBJECT_ALREADY_REMOVED]: ObjectAlreadyRemovedError,
  [StatusCode.CONTAINER_NOT_FOUND]: ContainerNotFoundError,
  [StatusCode.EACL_NOT_FOUND]: EACLNotFoundError,
  [StatusCode.CONTAINER_AWAIT_TIMEOUT]: ContainerAwaitTimeoutError,
  [StatusCode.TOKEN_NOT_FOUND]: TokenNotFoundError,
  [StatusCode.TOKEN_EXPIRED]: TokenExpiredError,
  [StatusCode.WRONG_MAGIC_NUMBER]: WrongMagicNumberError,
  [StatusCode.SIGNATURE_VERIFICATION_FAIL]: SignatureVerificationFailedError,
  [StatusCode.BUSY]: BusyError,
  [StatusCode.NODE_UNDER_MAINTENANCE]: NodeUnderMaintenanceError,
};

/** The typed error for a failure status (`undefined` for success codes). */
export function statusToError(status: Status, context?: string): NeoFSStatusError | undefined {
  if (!isFailure(status.code)) return undefined;
  const Cls = CLASSES[status.code] ?? NeoFSStatusError;
  return new Cls(status, context);
}

function sectionName(code: number): string {
  return ['success', 'common', 'object', 'container', 'session'][code >> 10] ?? `section ${code >> 10}`;
}

function detailText(s: Status): string {
  if (s.code === StatusCode.ACCESS_DENIED) {
    const d = s.details.find((x) => x.id === 0);
    if (d) return new TextDecoder().decode(d.value);
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// Client-side failures (no NeoFS status).

/** The peer could not be reached or the gRPC call failed below NeoFS. */
export class NeoFSTransportError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super(new.target === NeoFSTransportError ? 'NEOFS_TRANSPORT' : 'NEOFS_TIMEOUT', message, options);
  }
}

/** The call did not finish before its deadline (dead or slow peer). */
export class NeoFSTimeoutError extends NeoFSTransportError {
}

/** A response that fails verification: bad signature, wrong ID or checksum, malformed. */
export class ResponseVerificationError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('RESPONSE_VERIFICATION', message, options);
  }
}
