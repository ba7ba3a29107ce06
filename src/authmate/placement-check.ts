/**
 * The placement check before a container is written: can the network map hold this policy at
 * all? Today a node accepts a container whose policy it cannot satisfy (`REP 2 … SELECT 2` on a
 * one-node network) and only the first object put fails, with "not enough nodes to SELECT from",
 * after the container exists. This check refuses such a policy first, naming it and the node
 * count.
 *
 * It reports only what is certain, following the SDK's selection rules (netmap/selector.go):
 *   - a selector `SELECT n FROM F` needs n nodes matching F (`*` = every node); with
 *     `IN SAME attr`, n matching nodes sharing one value of attr; with `IN [DISTINCT] attr`,
 *     n distinct values of attr among the matching nodes;
 *   - a replica `REP n [IN S]` keeps n copies on distinct nodes, so it needs n nodes that S may
 *     select (every node without a selector); an `EC d/p` rule needs d + p such nodes.
 * The container backup factor (CBF) is not a requirement: the SDK falls back to 1 when the map
 * is too small. Filters are evaluated as the SDK does (EQ/NE on strings, GT/GE/LT/LE on
 * unsigned integers, AND/OR, references by name); a filter this code cannot evaluate (an
 * unknown operation) is taken to match every node, so it can never cause a false refusal.
 */
import { InvalidOptionError } from '../errors.js';
import type { CallOptions } from '../neofs/client.js';
import type { Netmap, NodeInfo } from '../neofs/netmap.js';
import { FilterOp, SelectorClause, type PlacementFilter, type PlacementPolicy, type Selector } from '../policy/placement.js';
import { formatPlacementPolicy } from '../policy/placement-ql.js';
import type { AuthmateStore } from './store.js';

const ALL = '*';

function attribute(node: NodeInfo, key: string): string {
  return node.attributes.find((a) => a.key === key)?.value ?? '';
}

function uint(text: string): bigint | undefined {
  return /^\d+$/.test(text) ? BigInt(text) : undefined;
}

/** Whether `node` passes filter `f` (named filters are resolved through `named`). */
function matches(f: PlacementFilter, node: NodeInfo, named: Map<string, PlacementFilter>, depth = 0): boolean {
  if (depth > 32) return true; // a reference loop: the SDK refuses the policy elsewhere; never a false refusal here
  if (f.key === '' && f.op === FilterOp.OPERATION_UNSPECIFIED) {
    const target = named.get(f.name);
    return target === undefined || target === f ? true : matches(target, node, named, depth + 1);
  }
  switch (f.op) {
    case FilterOp.AND:
      return f.filters.every((s) => matches(s, node, named, depth + 1));
    case FilterOp.OR:
      return f.filters.some((s) => matches(s, node, named, depth + 1));
    case FilterOp.EQ:
      return attribute(node, f.key) === f.value;
    case FilterOp.NE:
      return attribute(node, f.key) !== f.value;
    case FilterOp.GT:
    case FilterOp.GE:
    case FilterOp.LT:
    case FilterOp.LE: {
      const have = uint(attribute(node, f.key));
      const want = uint(f.value);
      if (want === undefined) return true; // the SDK refuses such a policy itself; not ours to guess
      if (have === undefined) return false; // as the SDK: a node without a numeric value does not match
      if (f.op === FilterOp.GT) return have > want;
      if (f.op === FilterOp.GE) return have >= want;
      if (f.op === FilterOp.LT) return have < want;
      return have <= want;
    }
    default:
      return true;
  }
}

function candidates(filterName: string, nodes: readonly NodeInfo[], named: Map<string, PlacementFilter>): NodeInfo[] {
  if (filterName === '' || filterName === ALL) return [...nodes];
  const f = named.get(filterName);
  return f === undefined ? [...nodes] : nodes.filter((n) => matches(f, n, named));
}

function describeSelector(s: Selector): string {
  const clause = s.clause === SelectorClause.SAME ? 'SAME ' : s.clause === SelectorClause.DISTINCT ? 'DISTINCT ' : '';
  return `SELECT ${s.count}${s.attribute ? ` IN ${clause}${s.attribute}` : ''} FROM ${s.filter || ALL}${s.name ? ` AS ${s.name}` : ''}`;
}

/** How many of the selector's requirement the map can meet, and what it needs. */
function selectorShortfall(s: Selector, pool: NodeInfo[]): string | undefined {
  const where = s.filter && s.filter !== ALL ? ` matching filter ${s.filter}` : '';
  if (s.attribute === '') {
    return pool.length >= s.count ? undefined : `${describeSelector(s)} needs ${s.count} nodes${where}, ${pool.length} found`;
  }
  const groups = new Map<string, number>();
  for (const n of pool) groups.set(attribute(n, s.attribute), (groups.get(attribute(n, s.attribute)) ?? 0) + 1);
  if (s.clause === SelectorClause.SAME) {
    const largest = Math.max(0, ...groups.values());
    return largest >= s.count
      ? undefined
      : `${describeSelector(s)} needs ${s.count} nodes${where} with the same ${s.attribute}, at most ${largest} found`;
  }
  return groups.size >= s.count
    ? undefined
    : `${describeSelector(s)} needs ${s.count} nodes${where} with distinct ${s.attribute} values, ${groups.size} found`;
}

/**
 * Why `policy` cannot be placed on `nodes`, or undefined when nothing certain stands in the way.
 * Each reason is one sentence; the first is enough to refuse.
 */
export function placementShortfalls(policy: PlacementPolicy, nodes: readonly NodeInfo[]): string[] {
  const named = new Map(policy.filters.map((f) => [f.name, f] as const));
  const pools = new Map<string, NodeInfo[]>();
  const reasons: string[] = [];
  for (const s of policy.selectors) {
    const pool = candidates(s.filter, nodes, named);
    pools.set(s.name, pool);
    const why = selectorShortfall(s, pool);
    if (why !== undefined) reasons.push(why);
  }
  // Nodes a rule naming `selector` may use: its selector's pool; without one, every node.
  const poolOf = (selector: string): NodeInfo[] => pools.get(selector) ?? (selector === '' && policy.selectors.length === 1 ? pools.get(policy.selectors[0]!.name)! : [...nodes]);
  for (const r of policy.replicas) {
    const pool = poolOf(r.selector);
    if (r.count > pool.length) {
      reasons.push(`REP ${r.count}${r.selector ? ` IN ${r.selector}` : ''} keeps ${r.count} copies on distinct nodes, ${pool.length} available`);
    }
  }
  for (const e of policy.ecRules) {
    const pool = poolOf(e.selector);
    const parts = e.dataPartNum + e.parityPartNum;
    if (parts > pool.length) {
      reasons.push(`EC ${e.dataPartNum}/${e.parityPartNum}${e.selector ? ` IN ${e.selector}` : ''} puts ${parts} parts on distinct nodes, ${pool.length} available`);
    }
  }
  return reasons;
}

/** Throws `PLACEMENT_UNSATISFIABLE` (field `placementPolicy`) when the map cannot hold the policy. */
export function checkPlacement(policy: PlacementPolicy, netmap: Pick<Netmap, 'epoch' | 'nodes'>): void {
  const reasons = placementShortfalls(policy, netmap.nodes);
  if (reasons.length === 0) return;
  const n = netmap.nodes.length;
  throw new InvalidOptionError(
    'PLACEMENT_UNSATISFIABLE',
    'placementPolicy',
    `placement policy "${formatPlacementPolicy(policy).replace(/\n/g, ' ')}" cannot be satisfied by the network map ` +
      `(epoch ${netmap.epoch}: ${n} node${n === 1 ? '' : 's'}): ${reasons.join('; ')}; nothing was written`,
  );
}

/**
 * Reads the network map through the store and checks the policy. A store without
 * `netmapSnapshot` skips the check (the node still decides at the first put); returns whether
 * the check ran.
 */
export async function checkPlacementOnNetwork(store: AuthmateStore, policy: PlacementPolicy, o: CallOptions = {}): Promise<boolean> {
  if (store.netmapSnapshot === undefined) return false;
  checkPlacement(policy, await store.netmapSnapshot(o));
  return true;
}
