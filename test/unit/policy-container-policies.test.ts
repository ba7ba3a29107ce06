import { describe, expect, it } from 'vitest';
import { AuthmateError } from '../../src/errors.js';
import { parseContainerPolicies, readContainerPolicies } from '../../src/policy/container-policies.js';
import { parseJson } from '../../src/policy/json-input.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const parse = (text: string) => parseContainerPolicies(parseJson(text));

describe('--container-policy', () => {
  it('reads QL and protojson policies, in document order, as stable bytes', () => {
    const out = parse(JSON.stringify({
      rep3: 'REP 3',
      complex: 'REP 2 IN X CBF 3 SELECT 2 FROM * AS X',
      // The authmate docs' JSON example (proto field names), as a JSON string.
      json: '{"replicas":[{"count":3,"selector":"SelASD0"}],"container_backup_factor":3,"selectors":[{"name":"SelASD0","count":3,"filter":"*"}],"filters":[]}',
      object: { replicas: [{ count: 1 }] },
    }));
    expect(out.map((p) => [p.locationConstraint, hex(p.policy)])).toEqual([
      ['rep3', '0a020803'],
      ['complex', '0a05080212015810031a080a015810022a012a'],
      // Same bytes as SDK rc.17 for this input (test/vectors/policy/sdk-rc17.json).
      ['json', '0a0b0803120753656c4153443010031a0e0a0753656c4153443010032a012a'],
      ['object', '0a020801'],
    ]);
  });

  it.each([
    ['{"default":"REP 1"}', 'default: config overrides default location constraint'],
    ['{"cold":"REP 0"}', 'cold: placement policy: line 1:5: unexpected "0", expected replica count (a positive integer)'],
    ['{"cold":"{\\"replicas\\":[{\\"count\\":-1}]}"}', 'cold.replicas[0].count: -1 is out of uint32 range'],
    ['{"cold":"{\\"replicas\\":[}"}', 'cold: invalid policy JSON at line 1:14: unexpected "}", expected a JSON value'],
    ['{"cold":"REP 9"}', 'cold: invalid REP rule #0: more than 8 object replicas'],
    ['{"cold":"REP 1 IN Y SELECT 1 FROM * AS X"}', 'cold: placement policy: line 1:10: REP #0: selector "Y" is not defined'],
    ['{"cold":3}', 'cold: expected a placement policy string, got number 3'],
    ['["REP 1"]', 'expected an object like {"<LocationConstraint>": "<policy>"}, got an array'],
  ])('%s fails', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('input: absent ⇒ none; errors carry the field and the JSON path', () => {
    expect(readContainerPolicies(undefined)).toEqual([]);
    expect(readContainerPolicies('p.json', { readFile: () => '{"a":"REP 1"}' })).toHaveLength(1);
    try {
      readContainerPolicies('{"default":"REP 1"}');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AuthmateError);
      expect(err).toMatchObject({ code: 'JSON_FIELD', field: 'containerPolicies', position: 'default' });
      expect((err as Error).message).toBe('default: config overrides default location constraint');
    }
  });
});
