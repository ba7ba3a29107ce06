import { describe, expect, it } from 'vitest';
import { FilterOp } from '../../src/policy/placement.js';
import { parsePlacementPolicy, PLACEMENT_QL_MAX_NESTING, PlacementPolicySyntaxError } from '../../src/policy/placement-ql.js';

/** A policy whose FILTER is an AND chain of about `bytes` bytes (terms of ~20 bytes). */
export function andChainPolicy(bytes: number): { text: string; terms: number } {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = `Attr${i} EQ Value${i}`;
    parts.push(t);
    size += t.length + 5;
  }
  return { text: `REP 1 IN X SELECT 1 FROM F AS X FILTER ${parts.join(' AND ')} AS F`, terms: parts.length };
}

const nested = (depth: number) => `REP 1 SELECT 1 FROM F FILTER ${'('.repeat(depth)}a EQ b${')'.repeat(depth)} AS F`;

function syntaxError(text: string): PlacementPolicySyntaxError {
  try {
    parsePlacementPolicy(text);
  } catch (err) {
    expect(err).toBeInstanceOf(PlacementPolicySyntaxError);
    return err as PlacementPolicySyntaxError;
  }
  throw new Error('expected a PlacementPolicySyntaxError');
}

function medianMs(f: () => void, reps: number): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

describe('placement policy language: bounded work', () => {
  it(`nesting up to ${PLACEMENT_QL_MAX_NESTING} parentheses parses; deeper is a syntax error at the offending "("`, () => {
    expect(parsePlacementPolicy(nested(PLACEMENT_QL_MAX_NESTING)).filters[0]).toMatchObject({ key: 'a', value: 'b' });
    const err = syntaxError(nested(PLACEMENT_QL_MAX_NESTING + 1));
    const col = 'REP 1 SELECT 1 FROM F FILTER '.length + PLACEMENT_QL_MAX_NESTING + 1;
    expect([err.line, err.column]).toEqual([1, col]);
    expect(err.message).toBe(`placement policy: line 1:${col}: parentheses nested deeper than ${PLACEMENT_QL_MAX_NESTING} levels`);
    // 3,000 levels used to overflow the stack (RangeError).
    expect(syntaxError(nested(3000)).reason).toMatch(/nested deeper/);
  });

  it('a 100,000-term AND chain is one AND filter with 100,000 operands', () => {
    const terms = Array.from({ length: 100_000 }, (_, i) => `k${i} EQ ${i}`).join(' AND ');
    const p = parsePlacementPolicy(`REP 1 SELECT 1 FROM F FILTER ${terms} AS F`);
    expect(p.filters[0]!.op).toBe(FilterOp.AND);
    expect(p.filters[0]!.filters).toHaveLength(100_000);
    expect(p.filters[0]!.filters[99_999]).toMatchObject({ key: 'k99999', value: '99999' });
  });

  // A ratio, not an absolute time: linear parsing gives ~2, the old quadratic chain joining >10.
  // Interleaved runs and the minimum of each, with room up to 4, so that other test files running
  // at the same time (or a GC in one run) cannot fail it; the bench (bench/placement-ql.mjs) holds
  // the tighter < 3.
  it('parsing a 2 MB policy takes less than 4 times as long as a 1 MB one (best of 5, interleaved)', () => {
    const one = andChainPolicy(1 << 20).text;
    const two = andChainPolicy(2 << 20).text;
    parsePlacementPolicy(one); // JIT warm-up
    const t1: number[] = [];
    const t2: number[] = [];
    for (let i = 0; i < 5; i++) {
      t1.push(medianMs(() => parsePlacementPolicy(one), 1));
      t2.push(medianMs(() => parsePlacementPolicy(two), 1));
    }
    const [b1, b2] = [Math.min(...t1), Math.min(...t2)];
    expect(b2 / b1, `1 MB ${b1.toFixed(0)} ms, 2 MB ${b2.toFixed(0)} ms`).toBeLessThan(4);
  }, 60_000);
});
