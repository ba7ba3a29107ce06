import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PlacementPolicyError,
  type PlacementFilter,
  decodePlacementPolicy,
  encodePlacementPolicy,
  placementPolicyFromJSON,
  placementPolicyToJSON,
  verifyPlacementPolicy,
} from '../../src/policy/placement.js';
import { PlacementPolicySyntaxError, formatPlacementPolicy, parsePlacementPolicy } from '../../src/policy/placement-ql.js';
import { MAX_NESTING_DEPTH } from '../../src/neofs/proto/wire.js';
import { JsonFieldError } from '../../src/util/protojson.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface GoPolicy {
  input: string;
  error: string;
  bytes?: string;
  validateError?: string;
  verifyError?: string;
  json?: unknown;
}
const go = JSON.parse(readFileSync(new URL('../vectors/policy/sdk-rc17.json', import.meta.url), 'utf8')) as {
  policyQL: GoPolicy[];
  policyJSON: GoPolicy[];
};

function errorOf(f: () => unknown): Error | undefined {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  return undefined;
}

describe('placement policy QL against SDK rc.17 DecodeString', () => {
  const accepted = go.policyQL.filter((v) => !v.error && !v.validateError);
  const rejected = go.policyQL.filter((v) => v.error);

  it('has a meaningful table', () => {
    expect(accepted.length).toBeGreaterThan(25);
    expect(rejected.length).toBeGreaterThan(40);
  });

  it.each(accepted.map((v) => [v.input, v] as const))('accepts %j with the same bytes and JSON', (_, v) => {
    const p = parsePlacementPolicy(v.input);
    expect(hex(encodePlacementPolicy(p))).toBe(v.bytes);
    expect(placementPolicyToJSON(p)).toEqual(v.json);
    // Our Verify agrees with Go's.
    expect(errorOf(() => verifyPlacementPolicy(p))?.message ?? '').toBe(v.verifyError ?? '');
    // Binary round trip, and the printed form parses back to the same policy.
    expect(decodePlacementPolicy(encodePlacementPolicy(p))).toEqual(p);
    expect(parsePlacementPolicy(formatPlacementPolicy(p))).toEqual(p);
  });

  it.each(rejected.map((v) => [v.input, v] as const))('rejects %j', (_, v) => {
    const err = errorOf(() => parsePlacementPolicy(v.input));
    expect(err).toBeInstanceOf(PlacementPolicySyntaxError);
    // ANTLR reports line:column (0-based column) of the offending token; ours is 1-based.
    const m = /line (\d+):(\d+)/.exec(v.error);
    if (m) {
      const e = err as PlacementPolicySyntaxError;
      expect([e.line, e.column - 1]).toEqual([Number(m[1]), Number(m[2])]);
    }
  });

  it('rejects undefined references that rc.17 DecodeString lets through (its own intended check)', () => {
    const dangling = go.policyQL.filter((v) => !v.error && v.validateError);
    expect(dangling.length).toBe(2);
    for (const v of dangling) expect(() => parsePlacementPolicy(v.input), v.input).toThrow(PlacementPolicySyntaxError);
  });
});

describe('placement policy QL messages', () => {
  it.each([
    ['', 'placement policy: line 1:1: unexpected end of input, expected REP or EC'],
    ['REP 0', 'placement policy: line 1:5: unexpected "0", expected replica count (a positive integer)'],
    ['REP 1 CBF 4294967296', 'placement policy: line 1:11: container backup factor 4294967296 does not fit in uint32'],
    ['REP 1\nSELECT 1 IN SAME FROM *', 'placement policy: line 2:23: unexpected "*", expected FROM'],
    ['REP 1 UNIQUE', 'placement policy: line 1:7: unexpected "UNIQUE", expected REP, EC, CBF, SELECT, FILTER or end of input (UNIQUE is FrostFS syntax, not NeoFS)'],
    ['REP 1 FILTER a == 1 AS F', 'placement policy: line 1:16: unexpected character "="'],
    ["REP 1 FILTER a EQ 'x AS F", "placement policy: line 1:19: unterminated string starting with '"],
    ['REP 1 FILTER a EQ 1', 'placement policy: line 1:20: unexpected end of input, expected AND, OR or AS <name>'],
    ['REP 1 IN Y SELECT 1 FROM * AS X', 'placement policy: line 1:10: REP #0: selector "Y" is not defined'],
    ['REP 1 IN X SELECT 1 FROM\n  G AS X', 'placement policy: line 2:3: SELECT #0: filter "G" is not defined'],
    ['EC 60/10', 'placement policy: line 1:1: EC 60/10: more than 64 total parts'],
  ])('%j', (input, message) => {
    expect(() => parsePlacementPolicy(input)).toThrow(message);
  });

  it('keeps string escapes as written, like Go', () => {
    const p = parsePlacementPolicy(`REP 1 IN X SELECT 1 FROM F AS X FILTER 'a\\'b' EQ "c\\u0041" AS F`);
    expect(p.filters[0]).toMatchObject({ key: "a\\'b", value: 'c\\u0041', op: 1, name: 'F' });
  });

  it('worked example of protocol.md §5.7.4', () => {
    const p = parsePlacementPolicy('REP 2 IN X CBF 3 SELECT 2 FROM * AS X');
    expect(hex(encodePlacementPolicy(p))).toBe('0a05080212015810031a080a015810022a012a');
    expect(hex(encodePlacementPolicy(parsePlacementPolicy('REP 1')))).toBe('0a020801');
  });
});

/**
 * Text offsets of the key and the value a JSON path (`replicas[0].count`, `''` = the document)
 * names in `text`: what Go's protojson column (1-based) points at.
 */
function locate(text: string, path: string): { key?: number; value: number } {
  const steps = path === '' ? [] : path.split(/\.|(?=\[)/).map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p));
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      while (text[i] !== close) {
        if (c === '{') {
          skipValue(); // key
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') {
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  let key: number | undefined;
  for (const step of steps) {
    ws();
    const open = text[i++];
    for (let n = 0; ; n++) {
      ws();
      if (open === '{') {
        const k = i;
        skipValue();
        const name = JSON.parse(text.slice(k, i)) as string;
        ws();
        i++; // ':'
        ws();
        if (name === step) {
          key = k;
          break;
        }
      } else if (n === step) {
        key = undefined;
        break;
      }
      skipValue();
      ws();
      i++; // ','
    }
  }
  ws();
  return { ...(key !== undefined ? { key } : {}), value: i };
}

describe('placement policy protojson against SDK rc.17 UnmarshalJSON', () => {
  it.each(go.policyJSON.map((v) => [v.input, v] as const))('%s', (_, v) => {
    const parse = () => placementPolicyFromJSON(JSON.parse(v.input));
    if (v.error) {
      // Same class of failure as Go, at the same place: Go's column points at the key or value our path names.
      const err = errorOf(parse);
      expect(err, v.error).toBeInstanceOf(JsonFieldError);
      const path = (err as JsonFieldError).path;
      const column = /\(line 1:(\d+)\)/.exec(v.error)?.[1];
      if (column !== undefined) {
        const at = locate(v.input, path);
        expect([at.key, at.value].map((o) => (o === undefined ? undefined : o + 1)), `${v.error} vs ${err!.message}`).toContain(Number(column));
      } else {
        // The SDK's own checks (after protojson) say "invalid selector #0: negative clause -1" and the like.
        const m = /^invalid (selector|filter|EC rule) #(\d+): (.*)$/.exec(v.error);
        expect(m, v.error).not.toBeNull();
        const list = { selector: 'selectors', filter: 'filters', 'EC rule': 'ecRules' }[m![1] as 'selector' | 'filter' | 'EC rule'];
        expect(path.startsWith(`${list}[${m![2]}]`), `${v.error} vs ${err!.message}`).toBe(true);
        expect(err!.message).toContain(m![3]);
      }
      return;
    }
    const p = parse();
    expect(hex(encodePlacementPolicy(p))).toBe(v.bytes ?? '');
    expect(errorOf(() => verifyPlacementPolicy(p))?.message ?? '').toBe(v.verifyError ?? '');
    // Our JSON output reads back to the same policy.
    expect(placementPolicyFromJSON(placementPolicyToJSON(p))).toEqual(p);
  });

  it.each([
    [{ replicas: [{ count: 1 }], unknown: 1 }, 'unknown: unknown field (expected one of replicas, containerBackupFactor, selectors, filters, subnetId, ecRules)'],
    [{ replicas: [{ count: -1 }] }, 'replicas[0].count: -1 is out of uint32 range'],
    [{ replicas: [{ count: 1.5 }] }, 'replicas[0].count: expected uint32, got number 1.5'],
    [{ replicas: [{ count: 1 }], selectors: [{ clause: 'UNIQUE' }] }, 'selectors[0].clause: unknown value "UNIQUE" (expected one of CLAUSE_UNSPECIFIED, SAME, DISTINCT or a number)'],
    [{ replicas: [{ count: 1 }], filters: [{ op: -2 }] }, 'filters[0].op: negative op -2'],
    [{ ecRules: [{ dataPartNum: 0, parityPartNum: 2 }] }, 'ecRules[0]: zero data part num'],
    [{ replicas: [{ count: 1 }], containerBackupFactor: 1, container_backup_factor: 2 }, 'container_backup_factor: duplicate field (containerBackupFactor / container_backup_factor)'],
    [{ replicas: [null] }, 'replicas[0]: null element'],
    [{ filters: [{ filters: [{ op: 'XOR' }] }] }, 'filters[0].filters[0].op: unknown value "XOR"'],
  ])('error %j', (input, message) => {
    expect(() => placementPolicyFromJSON(input)).toThrow(message);
  });
});

describe('placement policy binary decoding', () => {
  it('rejects negative enums and oversized counts like the SDK', () => {
    expect(() => decodePlacementPolicy(Uint8Array.from([0x1a, 0x0b, 0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow('selectors[0].clause: negative value -1');
    expect(() => decodePlacementPolicy(Uint8Array.from([0x10, 0x80, 0x80, 0x80, 0x80, 0x10]))).toThrow('containerBackupFactor: 4294967296 exceeds uint32');
  });

  // Issue 9 item 5: only PlacementPolicyError leaves the decoder (no TypeError, RangeError or raw ProtoDecodeError).
  it.each([
    ['truncated', '0a05080112', 'invalid placement policy: field 1: length 5 overruns the message (at byte 0)'],
    ['invalid UTF-8 in a selector name', '1a03 0a01ff', 'invalid placement policy: field 1: invalid UTF-8 (at byte 0)'],
    ['varint over 64 bits', '10 ffffffffffffffffff02', 'invalid placement policy: varint overflows 64 bits (at byte 1)'],
    ['a filter that is not a message', '2201 ff', 'invalid placement policy: truncated varint (at byte 0)'],
  ])('%s', (_, hexInput, message) => {
    const bytes = new Uint8Array(Buffer.from(hexInput.replaceAll(' ', ''), 'hex'));
    expect(errorOf(() => decodePlacementPolicy(bytes))).toBeInstanceOf(PlacementPolicyError);
    expect(errorOf(() => decodePlacementPolicy(bytes))?.message).toBe(message);
  });

  it(`decodes filters nested ${MAX_NESTING_DEPTH} deep and refuses one more level without exhausting the stack`, () => {
    const nested = (depth: number): Uint8Array => {
      let f: PlacementFilter = { name: '', key: 'a', op: 1, value: 'b', filters: [] };
      for (let i = 1; i < depth; i++) f = { name: '', key: '', op: 8, value: '', filters: [f] };
      return encodePlacementPolicy({ replicas: [{ count: 1, selector: '' }], containerBackupFactor: 0, selectors: [], filters: [f], ecRules: [] });
    };
    let f = decodePlacementPolicy(nested(MAX_NESTING_DEPTH)).filters[0]!;
    for (let i = 1; i < MAX_NESTING_DEPTH; i++) f = f.filters[0]!;
    expect(f).toMatchObject({ key: 'a', value: 'b', filters: [] });
    const e = errorOf(() => decodePlacementPolicy(nested(MAX_NESTING_DEPTH + 1)));
    expect(e).toBeInstanceOf(PlacementPolicyError);
    expect(e?.message).toBe(`filters[0]: filters nested deeper than ${MAX_NESTING_DEPTH} levels`);
  });
});
