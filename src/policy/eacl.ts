/**
 * Extended ACL tables (`neo.fs.v2.acl.EACLTable`, protocol.md §8): typed value, the protojson
 * form `--bearer-rules` takes (SDK rc.17 `eacl.Table.UnmarshalJSON`), the stable binary encoding
 * (byte-equal to `eacl.Table.Marshal()`), and authmate v0.42's default bearer table.
 * Bearer tokens (src/tokens) embed `encodeEACLTable(table)` as their field 1.
 */
import { AuthmateError, withField, type AuthmateErrorOptions } from '../errors.js';
import { ProtoMessage, ProtoWriter } from '../neofs/proto/wire.js';
import { readJsonInput, substituteBoxContainer } from './json-input.js';
import {
  JsonFieldError,
  childPath,
  enumName,
  fieldNames,
  readArray,
  readBytes,
  readEnum,
  readMessage,
  readString,
  readUint32,
  type JsonValue,
} from '../util/protojson.js';

export const EACLOperation = {
  OPERATION_UNSPECIFIED: 0,
  GET: 1,
  HEAD: 2,
  PUT: 3,
  DELETE: 4,
  SEARCH: 5,
  GETRANGE: 6,
  GETRANGEHASH: 7,
} as const;
export type EACLOperation = (typeof EACLOperation)[keyof typeof EACLOperation];

export const EACLAction = { ACTION_UNSPECIFIED: 0, ALLOW: 1, DENY: 2 } as const;
export type EACLAction = (typeof EACLAction)[keyof typeof EACLAction];

export const EACLRole = { ROLE_UNSPECIFIED: 0, USER: 1, SYSTEM: 2, OTHERS: 3 } as const;
export type EACLRole = (typeof EACLRole)[keyof typeof EACLRole];

export const EACLHeaderType = { HEADER_UNSPECIFIED: 0, REQUEST: 1, OBJECT: 2, SERVICE: 3 } as const;
export type EACLHeaderType = (typeof EACLHeaderType)[keyof typeof EACLHeaderType];

/** The acl MatchType (differs from the object search MatchType, where 4 is COMMON_PREFIX). */
export const EACLMatchType = {
  MATCH_TYPE_UNSPECIFIED: 0,
  STRING_EQUAL: 1,
  STRING_NOT_EQUAL: 2,
  NOT_PRESENT: 3,
  NUM_GT: 4,
  NUM_GE: 5,
  NUM_LT: 6,
  NUM_LE: 7,
} as const;
export type EACLMatchType = (typeof EACLMatchType)[keyof typeof EACLMatchType];

export interface EACLFilter {
  /** An `EACLHeaderType`; other non-negative numbers pass through (open enum). */
  headerType: number;
  /** An `EACLMatchType`; other non-negative numbers pass through. */
  matchType: number;
  key: string;
  value: string;
}

export interface EACLTarget {
  /** An `EACLRole`; other non-negative numbers pass through. */
  role: number;
  /** 25-byte user IDs (33-byte public keys are deprecated but accepted by nodes). */
  keys: Uint8Array[];
}

export interface EACLRecord {
  operation: number;
  action: number;
  filters: EACLFilter[];
  targets: EACLTarget[];
}

export interface EACLTable {
  /** Always encoded, even 0.0 (`0a 00`), as the SDK does. */
  version: { major: number; minor: number };
  /** 32 bytes; absent = the table applies to any container of the issuer. */
  containerId?: Uint8Array;
  records: EACLRecord[];
}

export const CONTAINER_ID_SIZE = 32;

// ---- stable binary encoding (acl/types.proto field numbers) ----

function encodeRecord(r: EACLRecord): Uint8Array {
  return new ProtoWriter()
    .enum(1, r.operation)
    .enum(2, r.action)
    .repeatedMessages(
      3,
      r.filters.map((f) => new ProtoWriter().enum(1, f.headerType).enum(2, f.matchType).string(3, f.key).string(4, f.value).finish()),
    )
    .repeatedMessages(4, r.targets.map((t) => new ProtoWriter().enum(1, t.role).repeatedBytes(2, t.keys).finish()))
    .finish();
}

/** Stable encoding of `EACLTable`, byte-equal to SDK rc.17 `eacl.Table.Marshal()`. */
export function encodeEACLTable(t: EACLTable): Uint8Array {
  return new ProtoWriter()
    .message(1, new ProtoWriter().uint32(1, t.version.major).uint32(2, t.version.minor).finish())
    .message(2, t.containerId && new ProtoWriter().bytes(1, t.containerId).finish())
    .repeatedMessages(3, t.records.map(encodeRecord))
    .finish();
}

export class EACLDecodeError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('EACL_DECODE', message, options);
  }
}

function nonNegative(m: ProtoMessage, field: number, what: string): number {
  const v = Number(BigInt.asIntN(32, m.bigint(field) ?? 0n));
  if (v < 0) throw new EACLDecodeError(`${what}: negative value ${v}`);
  return v;
}

/** Decodes a binary `EACLTable` with the SDK's checks (32-byte non-zero container ID, no negative enums). */
export function decodeEACLTable(bytes: Uint8Array): EACLTable {
  const m = new ProtoMessage(bytes);
  const v = m.bytes(1);
  const vm = v ? new ProtoMessage(v) : undefined;
  const table: EACLTable = { version: { major: vm?.number(1) ?? 0, minor: vm?.number(2) ?? 0 }, records: [] };
  const cid = m.bytes(2);
  if (cid !== undefined) table.containerId = checkContainerId(new ProtoMessage(cid).bytes(1) ?? new Uint8Array(0), 'containerID', EACLDecodeError);
  table.records = m.repeatedBytes(3).map((b, i) => {
    const r = new ProtoMessage(b);
    const at = `records[${i}]`;
    return {
      operation: nonNegative(r, 1, `${at}.operation`),
      action: nonNegative(r, 2, `${at}.action`),
      filters: r.repeatedBytes(3).map((fb, k) => {
        const f = new ProtoMessage(fb);
        return {
          headerType: nonNegative(f, 1, `${at}.filters[${k}].headerType`),
          matchType: nonNegative(f, 2, `${at}.filters[${k}].matchType`),
          key: f.string(3) ?? '',
          value: f.string(4) ?? '',
        };
      }),
      targets: r.repeatedBytes(4).map((tb, k) => {
        const t = new ProtoMessage(tb);
        return { role: nonNegative(t, 1, `${at}.targets[${k}].role`), keys: t.repeatedBytes(2).map((x) => x.slice()) };
      }),
    };
  });
  return table;
}

function checkContainerId<E extends Error>(id: Uint8Array, path: string, Err: new (m: string) => E): Uint8Array {
  if (id.length !== CONTAINER_ID_SIZE) throw new Err(`${path}: invalid container ID length ${id.length}, expected ${CONTAINER_ID_SIZE}`);
  if (id.every((b) => b === 0)) throw new Err(`${path}: zero container ID`);
  return id.slice();
}

// ---- protojson (`--bearer-rules`) ----

const TABLE_FIELDS = [
  { json: 'version', proto: 'version' },
  { json: 'containerID', proto: 'container_id' },
  { json: 'records', proto: 'records' },
] as const;
const VERSION_FIELDS = fieldNames('major', 'minor');
const CID_FIELDS = fieldNames('value');
const RECORD_FIELDS = fieldNames('operation', 'action', 'filters', 'targets');
const FILTER_FIELDS = fieldNames('headerType', 'matchType', 'key', 'value');
const TARGET_FIELDS = fieldNames('role', 'keys');

function list(v: JsonValue | undefined, path: string): [JsonValue, string][] {
  return readArray(v, path).map((x, i) => {
    if (x === null) throw new JsonFieldError(childPath(path, i), 'null element');
    return [x, childPath(path, i)];
  });
}

function enumOf(v: JsonValue | undefined, path: string, names: Readonly<Record<string, number>>, what: string): number {
  const n = readEnum(v, path, names);
  if (n < 0) throw new JsonFieldError(path, `negative ${what} ${n}`);
  return n;
}

/**
 * Reads an eACL table from its protojson form (parsed JSON), with the rules of SDK rc.17
 * `eacl.Table.UnmarshalJSON`: case-sensitive JSON or proto field names, unknown fields refused,
 * enums by name or number (negative refused), `keys` and `containerID.value` in base64,
 * `containerID` 32 non-zero bytes. An omitted `version` stays 0.0.
 */
export function eaclTableFromJSON(json: unknown, path = ''): EACLTable {
  const m = readMessage(json, path, TABLE_FIELDS);
  const table: EACLTable = { version: { major: 0, minor: 0 }, records: [] };
  if (m.version !== undefined) {
    const p = childPath(path, 'version');
    const v = readMessage(m.version, p, VERSION_FIELDS);
    table.version = { major: readUint32(v.major, childPath(p, 'major')), minor: readUint32(v.minor, childPath(p, 'minor')) };
  }
  if (m.containerID !== undefined) {
    const p = childPath(path, 'containerID');
    const c = readMessage(m.containerID, p, CID_FIELDS);
    table.containerId = checkContainerId(readBytes(c.value, childPath(p, 'value')), childPath(p, 'value'), JsonPathError);
  }
  table.records = list(m.records, childPath(path, 'records')).map(([rv, rp]) => {
    const r = readMessage(rv, rp, RECORD_FIELDS);
    return {
      operation: enumOf(r.operation, childPath(rp, 'operation'), EACLOperation, 'operation'),
      action: enumOf(r.action, childPath(rp, 'action'), EACLAction, 'action'),
      filters: list(r.filters, childPath(rp, 'filters')).map(([fv, fp]) => {
        const f = readMessage(fv, fp, FILTER_FIELDS);
        return {
          headerType: enumOf(f.headerType, childPath(fp, 'headerType'), EACLHeaderType, 'header type'),
          matchType: enumOf(f.matchType, childPath(fp, 'matchType'), EACLMatchType, 'match type'),
          key: readString(f.key, childPath(fp, 'key')),
          value: readString(f.value, childPath(fp, 'value')),
        };
      }),
      targets: list(r.targets, childPath(rp, 'targets')).map(([tv, tp]) => {
        const t = readMessage(tv, tp, TARGET_FIELDS);
        return {
          role: enumOf(t.role, childPath(tp, 'role'), EACLRole, 'role'),
          keys: list(t.keys, childPath(tp, 'keys')).map(([kv, kp]) => readBytes(kv, kp)),
        };
      }),
    };
  });
  return table;
}

/** Adapts a "path: reason" message to JsonFieldError. */
class JsonPathError extends JsonFieldError {
  constructor(message: string) {
    const cut = message.indexOf(': ');
    super(message.slice(0, cut), message.slice(cut + 2));
  }
}

/** protojson output (all fields, enums by name, bytes in base64), as SDK `MarshalJSON`. */
export function eaclTableToJSON(t: EACLTable): Record<string, unknown> {
  const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
  return {
    version: { major: t.version.major, minor: t.version.minor },
    containerID: t.containerId ? { value: b64(t.containerId) } : null,
    records: t.records.map((r) => ({
      operation: enumName(EACLOperation, r.operation),
      action: enumName(EACLAction, r.action),
      filters: r.filters.map((f) => ({
        headerType: enumName(EACLHeaderType, f.headerType),
        matchType: enumName(EACLMatchType, f.matchType),
        key: f.key,
        value: f.value,
      })),
      targets: r.targets.map((x) => ({ role: enumName(EACLRole, x.role), keys: x.keys.map(b64) })),
    })),
  };
}

/**
 * The table neofs-s3-gw v0.35.0–v0.42.0 puts in bearer tokens without `--bearer-rules`:
 * ALLOW GET, then DENY HEAD, PUT, DELETE, SEARCH, GETRANGE, GETRANGEHASH, all for OTHERS,
 * no filters, no container, version 0.0 (authmate.md §3.1).
 */
export function defaultBearerTable(): EACLTable {
  const others = (): EACLTarget[] => [{ role: EACLRole.OTHERS, keys: [] }];
  const records: EACLRecord[] = [{ operation: EACLOperation.GET, action: EACLAction.ALLOW, filters: [], targets: others() }];
  for (let op: number = EACLOperation.HEAD; op <= EACLOperation.GETRANGEHASH; op++) {
    records.push({ operation: op, action: EACLAction.DENY, filters: [], targets: others() });
  }
  return { version: { major: 0, minor: 0 }, records };
}

/**
 * Bearer rules as authmate takes them: eACL JSON text or a file holding it (absent/empty:
 * undefined, i.e. the default table), `%CID` replaced by `boxContainerId` when given. Errors
 * carry `field: 'bearerRules'` and the JSON path as `position`.
 */
export function readBearerRules(
  value: string | undefined,
  options: { boxContainerId?: Uint8Array; readFile?: (path: string) => string } = {},
): EACLTable | undefined {
  if (value === undefined || value === '') return undefined;
  return withField('bearerRules', () => {
    const read = readJsonInput(value, options.readFile ? { readFile: options.readFile } : {});
    return eaclTableFromJSON(options.boxContainerId ? substituteBoxContainer(read, options.boxContainerId) : read);
  });
}
