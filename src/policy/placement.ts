/**
 * NeoFS placement policy (`neo.fs.v2.netmap.PlacementPolicy`, protocol.md §5.7): typed value,
 * stable binary encoding, protojson both ways, and the SDK's `Verify` limits.
 * The query language lives in `placement-ql.ts`.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { MAX_NESTING_DEPTH, ProtoDecodeError, ProtoMessage, ProtoWriter } from '../neofs/proto/wire.js';
import { F_EC_RULE, F_FILTER, F_PLACEMENT_POLICY as F_POLICY, F_REPLICA, F_SELECTOR } from '../neofs/proto/fields.js';
import {
  JsonFieldError,
  childPath,
  enumName,
  fieldNames,
  readArray,
  readEnum,
  readMessage,
  readString,
  readUint32,
  type JsonValue,
} from '../util/protojson.js';

/** `netmap.Operation` of a placement filter. */
export const FilterOp = {
  OPERATION_UNSPECIFIED: 0,
  EQ: 1,
  NE: 2,
  GT: 3,
  GE: 4,
  LT: 5,
  LE: 6,
  OR: 7,
  AND: 8,
} as const;
export type FilterOp = (typeof FilterOp)[keyof typeof FilterOp];

/** `netmap.Clause` of a selector. */
export const SelectorClause = { CLAUSE_UNSPECIFIED: 0, SAME: 1, DISTINCT: 2 } as const;
export type SelectorClause = (typeof SelectorClause)[keyof typeof SelectorClause];

/** `REP count [IN selector]`. */
export interface Replica {
  count: number;
  selector: string;
}

/** `EC data/parity [IN selector]` (API 2.20). */
export interface ECRule {
  dataPartNum: number;
  parityPartNum: number;
  selector: string;
}

/** `SELECT count [IN [SAME|DISTINCT] attribute] FROM filter [AS name]`. */
export interface Selector {
  name: string;
  count: number;
  /** A `SelectorClause`; other numbers only come from JSON or binary input. */
  clause: number;
  attribute: string;
  filter: string;
}

/** `FILTER ... AS name`: a comparison (`key op value`), a conjunction/disjunction, or a reference (`name` only). */
export interface PlacementFilter {
  name: string;
  key: string;
  /** A `FilterOp`; other numbers only come from JSON or binary input. */
  op: number;
  value: string;
  filters: PlacementFilter[];
}

export interface PlacementPolicy {
  replicas: Replica[];
  /** 0 means "not set" (servers then use 3). */
  containerBackupFactor: number;
  selectors: Selector[];
  filters: PlacementFilter[];
  ecRules: ECRule[];
}

/** Thrown by `decodePlacementPolicy` / `placementPolicyFromJSON` / `verifyPlacementPolicy`. */
export class PlacementPolicyError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('PLACEMENT_POLICY', message, options);
  }
}

// ---- stable binary encoding (field numbers: netmap/types.proto) ----

function encodeFilter(f: PlacementFilter): Uint8Array {
  return new ProtoWriter()
    .string(F_FILTER.name, f.name)
    .string(F_FILTER.key, f.key)
    .enum(F_FILTER.op, f.op)
    .string(F_FILTER.value, f.value)
    .repeatedMessages(F_FILTER.filters, f.filters.map(encodeFilter))
    .finish();
}

/** Stable encoding, byte-equal to SDK rc.17 `PlacementPolicy.Marshal()` (subnet_id=5 is never written). */
export function encodePlacementPolicy(p: PlacementPolicy): Uint8Array {
  return new ProtoWriter()
    .repeatedMessages(
      F_POLICY.replicas,
      p.replicas.map((r) => new ProtoWriter().uint32(F_REPLICA.count, r.count).string(F_REPLICA.selector, r.selector).finish()),
    )
    .uint32(F_POLICY.containerBackupFactor, p.containerBackupFactor)
    .repeatedMessages(
      F_POLICY.selectors,
      p.selectors.map((s) =>
        new ProtoWriter()
          .string(F_SELECTOR.name, s.name)
          .uint32(F_SELECTOR.count, s.count)
          .enum(F_SELECTOR.clause, s.clause)
          .string(F_SELECTOR.attribute, s.attribute)
          .string(F_SELECTOR.filter, s.filter)
          .finish(),
      ),
    )
    .repeatedMessages(F_POLICY.filters, p.filters.map(encodeFilter))
    .repeatedMessages(
      F_POLICY.ecRules,
      p.ecRules.map((r) =>
        new ProtoWriter()
          .uint32(F_EC_RULE.dataPartNum, r.dataPartNum)
          .uint32(F_EC_RULE.parityPartNum, r.parityPartNum)
          .string(F_EC_RULE.selector, r.selector)
          .finish(),
      ),
    )
    .finish();
}

function u32(m: ProtoMessage, field: number, what: string): number {
  const v = m.bigint(field) ?? 0n;
  // uint32 fields take the low 32 bits of a longer varint, as Go's decoder does.
  if (v > 0xffff_ffffn) throw new PlacementPolicyError(`${what}: ${v} exceeds uint32`);
  return Number(v);
}

function enumField(m: ProtoMessage, field: number, what: string | (() => string)): number {
  const v = Number(BigInt.asIntN(32, m.bigint(field) ?? 0n));
  if (v < 0) throw new PlacementPolicyError(`${typeof what === 'string' ? what : what()}: negative value ${v}`);
  return v;
}

/**
 * `depth` counts filter levels: nesting beyond `MAX_NESTING_DEPTH` is refused before the stack
 * runs out. `top` names the top-level filter; the full path is built only for an error message.
 */
function decodeFilter(b: Uint8Array, top: string, path: () => string, depth: number): PlacementFilter {
  if (depth > MAX_NESTING_DEPTH) throw new PlacementPolicyError(`${top}: filters nested deeper than ${MAX_NESTING_DEPTH} levels`);
  const m = new ProtoMessage(b);
  return {
    name: m.string(F_FILTER.name) ?? '',
    key: m.string(F_FILTER.key) ?? '',
    op: enumField(m, F_FILTER.op, () => `${path()}.op`),
    value: m.string(F_FILTER.value) ?? '',
    filters: m.repeatedBytes(F_FILTER.filters).map((x, i) => decodeFilter(x, top, () => `${path()}.filters[${i}]`, depth + 1)),
  };
}

/**
 * Decodes a binary `PlacementPolicy` (as stored in an AccessBox container policy). Every failure,
 * malformed protobuf, invalid UTF-8 and too deep nesting included, is a `PlacementPolicyError`.
 */
export function decodePlacementPolicy(bytes: Uint8Array): PlacementPolicy {
  try {
    return decodePlacementPolicyFields(bytes);
  } catch (e) {
    if (e instanceof ProtoDecodeError) throw new PlacementPolicyError(`invalid placement policy: ${e.message}`, { cause: e });
    throw e;
  }
}

function decodePlacementPolicyFields(bytes: Uint8Array): PlacementPolicy {
  const m = new ProtoMessage(bytes);
  return {
    replicas: m.repeatedBytes(F_POLICY.replicas).map((b, i) => {
      const r = new ProtoMessage(b);
      return { count: u32(r, F_REPLICA.count, `replicas[${i}].count`), selector: r.string(F_REPLICA.selector) ?? '' };
    }),
    containerBackupFactor: u32(m, F_POLICY.containerBackupFactor, 'containerBackupFactor'),
    selectors: m.repeatedBytes(F_POLICY.selectors).map((b, i) => {
      const s = new ProtoMessage(b);
      return {
        name: s.string(F_SELECTOR.name) ?? '',
        count: u32(s, F_SELECTOR.count, `selectors[${i}].count`),
        clause: enumField(s, F_SELECTOR.clause, `selectors[${i}].clause`),
        attribute: s.string(F_SELECTOR.attribute) ?? '',
        filter: s.string(F_SELECTOR.filter) ?? '',
      };
    }),
    filters: m.repeatedBytes(F_POLICY.filters).map((b, i) => decodeFilter(b, `filters[${i}]`, () => `filters[${i}]`, 1)),
    ecRules: m.repeatedBytes(F_POLICY.ecRules).map((b, i) => {
      const r = new ProtoMessage(b);
      const rule = {
        dataPartNum: u32(r, F_EC_RULE.dataPartNum, `ecRules[${i}].dataPartNum`),
        parityPartNum: u32(r, F_EC_RULE.parityPartNum, `ecRules[${i}].parityPartNum`),
        selector: r.string(F_EC_RULE.selector) ?? '',
      };
      checkECRule(rule, `ecRules[${i}]`);
      return rule;
    }),
  };
}

// ---- limits (SDK rc.17 `PlacementPolicy.Verify`, protocol.md §5.7.5) ----

export const PLACEMENT_LIMITS = {
  maxReplicaRules: 256,
  maxECRules: 4,
  maxReplicasPerRule: 8,
  maxNodesInSet: 64,
  maxNodes: 512,
  maxECParts: 64,
  defaultBackupFactor: 3,
} as const;

function checkECRule(r: ECRule, what: string): void {
  if (r.dataPartNum === 0) throw new PlacementPolicyError(`${what}: zero data part num`);
  if (r.parityPartNum === 0) throw new PlacementPolicyError(`${what}: zero parity part num`);
  if (r.dataPartNum + r.parityPartNum > PLACEMENT_LIMITS.maxECParts) {
    throw new PlacementPolicyError(`${what}: more than ${PLACEMENT_LIMITS.maxECParts} total parts`);
  }
}

/**
 * The checks a container PUT goes through (SDK `Verify`): rule counts, replicas per rule,
 * nodes per rule (backup factor × selector count, or × count without selector) and in total,
 * EC part counts, and that every REP/EC selector exists.
 */
export function verifyPlacementPolicy(p: PlacementPolicy): void {
  const L = PLACEMENT_LIMITS;
  if (p.replicas.length > L.maxReplicaRules) throw new PlacementPolicyError(`more than ${L.maxReplicaRules} REP rules`);
  if (p.ecRules.length > L.maxECRules) throw new PlacementPolicyError(`more than ${L.maxECRules} EC rules`);
  const bf = p.containerBackupFactor || L.defaultBackupFactor;
  let total = 0;
  const nodesOf = (selector: string, own: number, what: string): number => {
    if (selector === '') return own;
    const s = p.selectors.find((x) => x.name === selector);
    if (!s) throw new PlacementPolicyError(`${what}: missing selector "${selector}"`);
    return s.count;
  };
  const add = (nodes: number, what: string): void => {
    if (bf * nodes > L.maxNodesInSet) throw new PlacementPolicyError(`${what}: more than ${L.maxNodesInSet} nodes`);
    total += bf * nodes;
    if (total > L.maxNodes) throw new PlacementPolicyError(`more than ${L.maxNodes} nodes in total`);
  };
  p.replicas.forEach((r, i) => {
    const what = `invalid REP rule #${i}`;
    if (r.count > L.maxReplicasPerRule) throw new PlacementPolicyError(`${what}: more than ${L.maxReplicasPerRule} object replicas`);
    add(nodesOf(r.selector, r.count, what), what);
  });
  p.ecRules.forEach((r, i) => {
    const what = `invalid EC rule #${i}`;
    checkECRule(r, what);
    add(nodesOf(r.selector, r.dataPartNum + r.parityPartNum, what), what);
  });
}

// ---- protojson (SDK `PlacementPolicy.UnmarshalJSON` / `MarshalJSON`) ----

const POLICY_FIELDS = fieldNames('replicas', 'containerBackupFactor', 'selectors', 'filters', 'subnetId', 'ecRules');
const REPLICA_FIELDS = fieldNames('count', 'selector');
const SELECTOR_FIELDS = fieldNames('name', 'count', 'clause', 'attribute', 'filter');
const FILTER_FIELDS = fieldNames('name', 'key', 'op', 'value', 'filters');
const EC_FIELDS = fieldNames('dataPartNum', 'parityPartNum', 'selector');
const SUBNET_FIELDS = fieldNames('value');

function filterFromJSON(v: JsonValue, path: string): PlacementFilter {
  const f = readMessage(v, path, FILTER_FIELDS);
  const op = readEnum(f.op, childPath(path, 'op'), FilterOp);
  if (op < 0) throw new JsonFieldError(childPath(path, 'op'), `negative op ${op}`);
  return {
    name: readString(f.name, childPath(path, 'name')),
    key: readString(f.key, childPath(path, 'key')),
    op,
    value: readString(f.value, childPath(path, 'value')),
    filters: readArray(f.filters, childPath(path, 'filters')).map((x, i) => filterFromJSON(x, childPath(childPath(path, 'filters'), i))),
  };
}

function elements(v: JsonValue | undefined, path: string): [JsonValue, string][] {
  return readArray(v, path).map((x, i) => {
    const p = childPath(path, i);
    // protojson rejects null list elements.
    if (x === null) throw new JsonFieldError(p, 'null element');
    return [x, p];
  });
}

/**
 * Reads the protojson form (already parsed JSON). As SDK rc.17 `UnmarshalJSON`: no rule is
 * required (`{}` is accepted), negative enums and malformed EC rules are rejected;
 * `subnetId` is accepted and dropped (deprecated, never encoded).
 */
export function placementPolicyFromJSON(json: unknown, path = ''): PlacementPolicy {
  const m = readMessage(json, path, POLICY_FIELDS);
  if (m.subnetId !== undefined) readUint32(readMessage(m.subnetId, childPath(path, 'subnetId'), SUBNET_FIELDS).value, childPath(path, 'subnetId.value'));
  const replicas = elements(m.replicas, childPath(path, 'replicas')).map(([v, p]) => {
    const r = readMessage(v, p, REPLICA_FIELDS);
    return { count: readUint32(r.count, childPath(p, 'count')), selector: readString(r.selector, childPath(p, 'selector')) };
  });
  const selectors = elements(m.selectors, childPath(path, 'selectors')).map(([v, p]) => {
    const s = readMessage(v, p, SELECTOR_FIELDS);
    const clause = readEnum(s.clause, childPath(p, 'clause'), SelectorClause);
    if (clause < 0) throw new JsonFieldError(childPath(p, 'clause'), `negative clause ${clause}`);
    return {
      name: readString(s.name, childPath(p, 'name')),
      count: readUint32(s.count, childPath(p, 'count')),
      clause,
      attribute: readString(s.attribute, childPath(p, 'attribute')),
      filter: readString(s.filter, childPath(p, 'filter')),
    };
  });
  const filters = elements(m.filters, childPath(path, 'filters')).map(([v, p]) => filterFromJSON(v, p));
  const ecRules = elements(m.ecRules, childPath(path, 'ecRules')).map(([v, p]) => {
    const r = readMessage(v, p, EC_FIELDS);
    const rule = {
      dataPartNum: readUint32(r.dataPartNum, childPath(p, 'dataPartNum')),
      parityPartNum: readUint32(r.parityPartNum, childPath(p, 'parityPartNum')),
      selector: readString(r.selector, childPath(p, 'selector')),
    };
    try {
      checkECRule(rule, p);
    } catch (err) {
      throw new JsonFieldError(p, (err as Error).message.slice(p.length + 2));
    }
    return rule;
  });
  return { replicas, containerBackupFactor: readUint32(m.containerBackupFactor, childPath(path, 'containerBackupFactor')), selectors, filters, ecRules };
}

function filterToJSON(f: PlacementFilter): Record<string, unknown> {
  return { name: f.name, key: f.key, op: enumName(FilterOp, f.op), value: f.value, filters: f.filters.map(filterToJSON) };
}

/** The protojson object SDK rc.17 `MarshalJSON` prints (all fields emitted, enums by name). */
export function placementPolicyToJSON(p: PlacementPolicy): Record<string, unknown> {
  return {
    replicas: p.replicas.map((r) => ({ count: r.count, selector: r.selector })),
    containerBackupFactor: p.containerBackupFactor,
    selectors: p.selectors.map((s) => ({
      name: s.name,
      count: s.count,
      clause: enumName(SelectorClause, s.clause),
      attribute: s.attribute,
      filter: s.filter,
    })),
    filters: p.filters.map(filterToJSON),
    subnetId: null,
    ecRules: p.ecRules.map((r) => ({ dataPartNum: r.dataPartNum, parityPartNum: r.parityPartNum, selector: r.selector })),
  };
}
