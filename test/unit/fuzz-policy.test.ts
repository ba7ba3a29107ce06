/** Property-based fuzzing of the policy decoders (placement QL/JSON/binary, eACL, session rules); see fuzz-helpers.ts. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEACLTable, eaclTableFromJSON, eaclTableToJSON, encodeEACLTable } from '../../src/policy/eacl.js';
import {
  decodePlacementPolicy,
  encodePlacementPolicy,
  placementPolicyFromJSON,
  placementPolicyToJSON,
  verifyPlacementPolicy,
} from '../../src/policy/placement.js';
import { formatPlacementPolicy, parsePlacementPolicy } from '../../src/policy/placement-ql.js';
import { parseSessionRules } from '../../src/policy/session-rules.js';
import { hex, mutatedBytes, mutatedJson, mutatedText, params, reportCounts, TIMEOUT, typedOrValue } from './fuzz-helpers.js';

const go = JSON.parse(readFileSync(new URL('../vectors/policy/sdk-rc17.json', import.meta.url), 'utf8')) as {
  policyQL: { input: string; error: string; bytes?: string }[];
  policyJSON: { input: string; error: string; bytes?: string }[];
  eaclJSON: { input: string; error: string; bytes?: string }[];
};
const qlSeeds = go.policyQL.map((v) => v.input);
const policyJsonSeeds = go.policyJSON.flatMap((v) => {
  try {
    return [JSON.parse(v.input)];
  } catch {
    return [];
  }
});
const policyBytes = go.policyQL.filter((v) => v.bytes).map((v) => hex(v.bytes!));
const eaclJsonSeeds = go.eaclJSON.flatMap((v) => {
  try {
    return [JSON.parse(v.input)];
  } catch {
    return [];
  }
});
const eaclBytes = go.eaclJSON.filter((v) => v.bytes).map((v) => hex(v.bytes!));
const cid58 = 'CzPGTgJEcLX7Zr5Tq9XDDqRMxg8FGLGfNgTwwjGcUMFw';
const sessionRuleSeeds = [
  [{ verb: 'PUT', containerID: cid58 }],
  [{ verb: 'DELETE' }, { verb: 'SETEACL', containerID: null }],
  [{ Verb: 'CONTAINER_SET_EACL', ContainerID: cid58, comment: 'x' }],
  { verb: 'PUT', wildcard: true, containerID: null },
  { verb: 'DELETE', wildcard: false, containerID: { value: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' } },
  [{ verb: 'OBJECT_PUT' }, { verb: 'OBJECT_HEAD' }],
];

reportCounts('fuzz-policy');

// Deep nesting (filters 5,000 deep in binary, 20,000 in JSON) is bounded by the decoders'
// nesting limits; byte/JSON mutations of small seeds do not reach that depth, so it is tested in
// the decoders' own unit tests.

const QL_ALPHABET = 'REPINASCBFSELECTFROMFILTERECSAMEDISTINCTANDOR EQNEGTGELTLE*()@/0123456789_xyzXYZ"\'\\\n\t.-$é';

describe('fuzz: placement policy', () => {
  it('QL: mutated or random text parses (and formats back to the same policy) or gives a typed error', () => {
    const tokens = fc.constantFrom('REP', 'EC', 'IN', 'AS', 'CBF', 'SELECT', 'FROM', 'FILTER', 'SAME', 'DISTINCT', 'AND', 'OR', 'EQ', 'NE', 'GT', 'LE', '*', '(', ')', '@', '/', '0', '1', '3', '4294967296', 'X', 'Y', 'Country', '"a b"', "'q'", '"\\u00e9"', 'UNIQUE');
    const tokenText = fc.array(tokens, { maxLength: 30 }).map((t) => t.join(' '));
    fc.assert(
      fc.property(fc.oneof(mutatedText(qlSeeds, QL_ALPHABET), tokenText), (text) => {
        const p = typedOrValue('parsePlacementPolicy', () => parsePlacementPolicy(text));
        if (p === undefined) return;
        expect(parsePlacementPolicy(formatPlacementPolicy(p))).toEqual(p);
        typedOrValue('verifyPlacementPolicy', () => verifyPlacementPolicy(p));
      }),
      params(500),
    );
  }, TIMEOUT);

  it('QL: generated valid policies parse, and format back to the same policy', () => {
    const key = fc.constantFrom('Country', 'City', '"Price x"', `'it"s'`, 'REP', 'IN', 'Attr_9');
    const val = fc.constantFrom('RU', '0', '17', '"a b"', "'a\\nb'", 'SELECT', '"\\u00e9"', 'x1');
    const op = fc.constantFrom('EQ', 'NE', 'GT', 'GE', 'LT', 'LE');
    const { expr } = fc.letrec((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.tuple(key, op, val).map(([k, o, v]) => `${k} ${o} ${v}`),
        fc.tuple(tie('expr'), fc.constantFrom('AND', 'OR'), tie('expr'), fc.boolean()).map(([a, o, b, paren]) => (paren ? `(${a} ${o} ${b})` : `${a} ${o} ${b}`)),
      ),
    }));
    const policy = fc
      .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('', 'IN City', 'IN SAME City', 'IN DISTINCT Country'), expr as fc.Arbitrary<string>, fc.boolean(), fc.constantFrom(' ', '\n', '\t', '\r\n'))
      .map(([rep, cbf, count, clause, e, second, ws]) =>
        [`REP ${rep} IN X`, cbf ? `CBF ${cbf}` : '', `SELECT ${count} ${clause} FROM F AS X`, `FILTER ${e} AS F`, second ? 'FILTER @F AND Country NE RU AS G' : '']
          .filter(Boolean)
          .join(ws),
      );
    fc.assert(
      fc.property(policy, (text) => {
        const p = parsePlacementPolicy(text);
        expect(parsePlacementPolicy(formatPlacementPolicy(p))).toEqual(p);
      }),
      params(300),
    );
  }, TIMEOUT);

  it('JSON: mutated values give a policy (stable through JSON and binary) or a typed error', () => {
    fc.assert(
      fc.property(mutatedJson(policyJsonSeeds), (json) => {
        const p = typedOrValue('placementPolicyFromJSON', () => placementPolicyFromJSON(json));
        if (p === undefined) return;
        expect(placementPolicyFromJSON(placementPolicyToJSON(p))).toEqual(p);
        expect(decodePlacementPolicy(encodePlacementPolicy(p))).toEqual(p);
      }),
      params(400),
    );
  }, TIMEOUT);

  it('binary: mutated Go-made policies decode (re-encoding stably) or give a typed error', () => {
    fc.assert(
      fc.property(mutatedBytes(policyBytes), (data) => {
        const p = typedOrValue('decodePlacementPolicy', () => decodePlacementPolicy(data));
        if (p !== undefined) expect(decodePlacementPolicy(encodePlacementPolicy(p))).toEqual(p);
      }),
      params(400),
    );
  }, TIMEOUT);
});

describe('fuzz: eACL table', () => {
  it('JSON: mutated values give a table (stable through JSON and binary) or a typed error', () => {
    fc.assert(
      fc.property(mutatedJson(eaclJsonSeeds), (json) => {
        const t = typedOrValue('eaclTableFromJSON', () => eaclTableFromJSON(json));
        if (t === undefined) return;
        expect(eaclTableFromJSON(eaclTableToJSON(t))).toEqual(t);
        expect(decodeEACLTable(encodeEACLTable(t))).toEqual(t);
      }),
      params(400),
    );
  }, TIMEOUT);

  it('binary: mutated Go-made tables decode (re-encoding stably) or give a typed error', () => {
    fc.assert(
      fc.property(mutatedBytes(eaclBytes), (data) => {
        const t = typedOrValue('decodeEACLTable', () => decodeEACLTable(data));
        if (t !== undefined) expect(decodeEACLTable(encodeEACLTable(t))).toEqual(t);
      }),
      params(400),
    );
  }, TIMEOUT);
});

describe('fuzz: session rules', () => {
  it('mutated rule JSON gives rules or a typed error (container and object verbs)', () => {
    fc.assert(
      fc.property(mutatedJson(sessionRuleSeeds), fc.boolean(), (json, objectVerbs) => {
        typedOrValue('parseSessionRules', () => parseSessionRules(json as never, { objectVerbs }));
      }),
      params(400),
    );
  }, TIMEOUT);
});
