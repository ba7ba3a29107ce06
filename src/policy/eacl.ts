/**
 * Extended ACL tables (`neo.fs.v2.acl.EACLTable`, protocol.md §8): typed value, the protojson
 * form `--bearer-rules` takes (SDK rc.17 `eacl.Table.UnmarshalJSON`), the stable binary encoding
 * (byte-equal to `eacl.Table.Marshal()`), and authmate v0.42's default bearer table.
 * Bearer tokens (src/tokens) embed `encodeEACLTable(table)` as their field 1.
 */
import { AuthmateError, withField, type AuthmateErrorOptions } from '../errors.js';
import { ProtoDecodeError, ProtoMessage, ProtoWriter } from '../neofs/proto/wire.js';
import { F_EACL_FILTER, F_EACL_RECORD, F_EACL_TABLE, F_EACL_TARGET, F_ID, F_VERSION } from '../neofs/proto/fields.js';
import { ID_SIZE, NeoFSFormatError, asContainerId, checkIdBytes, type ContainerId } from '../neofs/refs.js';
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
  /** API 2.22 (SDK rc.20+): auxiliary text with no effect on access; kept so a table read and set again loses nothing. */
  comment?: string;
}

export interface EACLTable {
  /** Always encoded, even 0.0 (`0a 00`), as the SDK does. */
  version: { major: number; minor: number };
  /** 32 bytes; absent = the table applies to any container of the issuer. */
  containerId?: ContainerId;
  records: EACLRecord[];
}

export const CONTAINER_ID_SIZE = ID_SIZE;

// ---- stable binary encoding (acl/types.proto field numbers) ----

function encodeRecord(r: EACLRecord): Uint8Array {
  return new ProtoWriter()
    .enum(F_EACL_RECORD.operation, r.operation)
    .enum(F_EACL_RECORD.action, r.action)
    .repeatedMessages(
      F_EACL_RECORD.filters,
      r.filters.map((f) =>
        new ProtoWriter()
          .enum(F_EACL_FILTER.headerType, f.headerType)
          .enum(F_EACL_FILTER.matchType, f.matchType)
          .string(F_EACL_FILTER.key, f.key)
          .string(F_EACL_FILTER.value, f.value)
          .finish(),
      ),
    )
    .repeatedMessages(
      F_EACL_RECORD.targets,
      r.targets.map((t) => new ProtoWriter().enum(F_EACL_TARGET.role, t.role).repeatedBytes(F_EACL_TARGET.keys, t.keys).finish()),
    )
    .string(F_EACL_RECORD.comment, r.comment)
    .finish();
}

/** Stable encoding of `EACLTable`, byte-equal to SDK rc.17 `eacl.Table.Marshal()`. */
export function encodeEACLTable(t: EACLTable): Uint8Array {
  return new ProtoWriter()
    .message(F_EACL_TABLE.version, new ProtoWriter().uint32(F_VERSION.major, t.version.major).uint32(F_VERSION.minor, t.version.minor).finish())
    .message(F_EACL_TABLE.containerId, t.containerId && new ProtoWriter().bytes(F_ID.value, t.containerId).finish())
    .repeatedMessages(F_EACL_TABLE.records, t.records.map(encodeRecord))
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

/**
 * Decodes a binary `EACLTable` with the SDK's checks (32-byte non-zero container ID, no negative
 * enums). Every failure, malformed protobuf and invalid UTF-8 included, is an `EACLDecodeError`.
 */
export function decodeEACLTable(bytes: Uint8Array): EACLTable {
  try {
    return decodeEACLTableFields(bytes);
  } catch (e) {
    if (e instanceof ProtoDecodeError || e instanceof NeoFSFormatError) throw new EACLDecodeError(`invalid eACL table: ${e.message}`, { cause: e });
    throw e;
  }
}

function decodeEACLTableFields(bytes: Uint8Array): EACLTable {
  const m = new ProtoMessage(bytes);
  const v = m.bytes(F_EACL_TABLE.version);
  const vm = v ? new ProtoMessage(v) : undefined;
  const table: EACLTable = { version: { major: vm?.number(F_VERSION.major) ?? 0, minor: vm?.number(F_VERSION.minor) ?? 0 }, records: [] };
  const cid = m.bytes(F_EACL_TABLE.containerId);
  if (cid !== undefined) {
    table.containerId = checkContainerId(new ProtoMessage(cid).bytes(F_ID.value) ?? new Uint8Array(0), 'containerID', EACLDecodeError);
  }
  table.records = m.repeatedBytes(F_EACL_TABLE.records).map((b, i) => {
    const r = new ProtoMessage(b);
    const at = `records[${i}]`;
    return {
      operation: nonNegative(r, F_EACL_RECORD.operation, `${at}.operation`),
      action: nonNegative(r, F_EACL_RECORD.action, `${at}.action`),
      filters: r.repeatedBytes(F_EACL_RECORD.filters).map((fb, k) => {
        const f = new ProtoMessage(fb);
        return {
          headerType: nonNegative(f, F_EACL_FILTER.headerType, `${at}.filters[${k}].headerType`),
          matchType: nonNegative(f, F_EACL_FILTER.matchType, `${at}.filters[${k}].matchType`),
          key: f.string(F_EACL_FILTER.key) ?? '',
          value: f.string(F_EACL_FILTER.value) ?? '',
        };
      }),
      targets: r.repeatedBytes(F_EACL_RECORD.targets).map((tb, k) => {
        const t = new ProtoMessage(tb);
        return { role: nonNegative(t, F_EACL_TARGET.role, `${at}.targets[${k}].role`), keys: t.repeatedBytes(F_EACL_TARGET.keys).map((x) => x.slice()) };
      }),
      ...commentOf(r.string(F_EACL_RECORD.comment)),
    };
  });
  return table;
}

const commentOf = (c: string | undefined): { comment?: string } => (c ? { comment: c } : {});

/** refs' one container ID check, reported in the SDK's eACL wording and error class. */
function checkContainerId<E extends Error>(id: Uint8Array, path: string, Err: new (m: string) => E): ContainerId {
  try {
    checkIdBytes(id, 'container ID');
  } catch {
    throw new Err(id.length !== CONTAINER_ID_SIZE ? `${path}: invalid container ID length ${id.length}, expected ${CONTAINER_ID_SIZE}` : `${path}: zero container ID`);
  }
  return asContainerId(id.slice());
}

// ---- protojson (`--bearer-rules`) ----

const TABLE_FIELDS = [
  { json: 'version', proto: 'version' },
  { json: 'containerID', proto: 'container_id' },
  { json: 'records', proto: 'records' },
] as const;
const VERSION_FIELDS = fieldNames('major', 'minor');
const CID_FIELDS = fieldNames('value');
const RECORD_FIELDS = fieldNames('operation', 'action', 'filters', 'targets', 'comment');
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
      ...commentOf(r.comment === undefined ? undefined : readString(r.comment, childPath(rp, 'comment'))),
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
      // rc.17 (what --bearer-rules mirrors) has no comment: printed only when there is one.
      ...(r.comment ? { comment: r.comment } : {}),
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
