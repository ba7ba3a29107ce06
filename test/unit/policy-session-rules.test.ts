import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { AuthmateError } from '../../src/errors.js';
import { parseJson } from '../../src/policy/json-input.js';
import {
  containerVerbV1,
  defaultSessionRules,
  parseSessionRules,
  readSessionRules,
} from '../../src/policy/session-rules.js';
import { SessionVerb as V } from '../../src/tokens/session-v2.js';

const cid = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const cid58 = bs58.encode(cid);
const cid64 = Buffer.from(cid).toString('base64');
const parse = (text: string, objectVerbs?: boolean) => parseSessionRules(parseJson(text), objectVerbs === undefined ? {} : { objectVerbs });

describe('--session-tokens rules', () => {
  it.each([
    ['[{"verb":"DELETE"}]', [{ verb: V.CONTAINER_DELETE }]],
    // PUT without SETEACL gets a wildcard SETEACL appended, even when PUT is container-specific.
    [`[{"verb":"PUT","containerID":"${cid58}"}]`, [{ verb: V.CONTAINER_PUT, containerId: cid }, { verb: V.CONTAINER_SETEACL }]],
    ['[{"verb":"PUT"},{"verb":"SETEACL","containerID":null}]', [{ verb: V.CONTAINER_PUT }, { verb: V.CONTAINER_SETEACL }]],
    // Keys are case-insensitive like Go encoding/json; unknown keys are ignored.
    [`[{"Verb":"CONTAINER_SET_EACL","ContainerID":"${cid58}","comment":"x"}]`, [{ verb: V.CONTAINER_SETEACL, containerId: cid }]],
    [`[{"VERB":"OBJECT_GET","containerid":""}]`, [{ verb: V.OBJECT_GET }]],
    ['[{"verb":"SETATTRIBUTE"},{"verb":"CONTAINER_REMOVE_ATTRIBUTE"},{"verb":"REMOVEATTRIBUTE"},{"verb":"CONTAINER_SET_ATTRIBUTE"}]',
      [{ verb: V.CONTAINER_SETATTRIBUTE }, { verb: V.CONTAINER_REMOVEATTRIBUTE }, { verb: V.CONTAINER_REMOVEATTRIBUTE }, { verb: V.CONTAINER_SETATTRIBUTE }]],
    ['[{"verb":"OBJECT_PUT"},{"verb":"OBJECT_HEAD"},{"verb":"OBJECT_SEARCH"},{"verb":"OBJECT_DELETE"},{"verb":"OBJECT_RANGE"},{"verb":"CONTAINER_PUT"},{"verb":"CONTAINER_DELETE"}]',
      [1, 3, 4, 5, 6, 8, 9, 10].map((verb) => ({ verb }))],
    ['[]', []],
    // Legacy v0.16–v0.18 single protojson object, and v0.19/v0.20 arrays of them.
    ['{"verb":"PUT","wildcard":true,"containerID":null}', [{ verb: V.CONTAINER_PUT }, { verb: V.CONTAINER_SETEACL }]],
    [`{"verb":"DELETE","wildcard":false,"containerID":{"value":"${cid64}"}}`, [{ verb: V.CONTAINER_DELETE, containerId: cid }]],
    [`[{"verb":3,"container_id":{"value":"${cid64}"}},{"verb":"PUT","wildcard":true}]`, [{ verb: V.CONTAINER_SETEACL, containerId: cid }, { verb: V.CONTAINER_PUT }]],
  ])('%s', (text, want) => {
    expect(parse(text)).toEqual(want);
  });

  it.each([
    ['[{"verb":"FOO"}]', '[0].verb: unknown session token verb "FOO"'],
    ['[{"verb":"put"}]', '[0].verb: unknown session token verb "put"'],
    ['[{"verb":"OBJECT_RANGE_HASH"}]', '[0].verb: unknown session token verb "OBJECT_RANGE_HASH"'],
    ['[{"containerID":null}]', '[0].verb: unknown session token verb ""'],
    ['[{"verb":1}]', '[0].verb: expected a string, got number 1'],
    ['[{"verb":"PUT","containerID":"0OIl"}]', '[0].containerID: invalid base58 container ID "0OIl"'],
    [`[{"verb":"PUT","containerID":"${bs58.encode(cid.subarray(1))}"}]`, '[0].containerID: container ID must be 32 bytes'],
    ['[{"verb":"PUT","containerID":5}]', '[0].containerID: expected a base58 container ID string, got number 5'],
    ['[null]', '[0]: expected a rule object'],
    ['null', 'expected an array of rules'],
    ['"PUT"', 'expected an array of rules'],
    ['{"verb":"PUT"}', 'neither wildcard nor containerID is set'],
    [`{"verb":"PUT","wildcard":true,"containerID":{"value":"${cid64}"}}`, 'both wildcard and containerID are set'],
    ['{"verb":"PUT","Wildcard":true}', 'Wildcard: unknown field'],
    ['{"verb":"GET","wildcard":true}', 'verb: unknown value "GET"'],
  ])('%s fails', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('refuses object verbs where only container tokens can be issued', () => {
    expect(() => parse('[{"verb":"OBJECT_GET"}]', false)).toThrow('[0].verb: object verb OBJECT_GET needs session tokens v2');
    expect(parse('[{"verb":"DELETE"}]', false)).toEqual([{ verb: V.CONTAINER_DELETE }]);
  });

  it('maps container verbs to session v1 verbs', () => {
    expect([V.CONTAINER_PUT, V.CONTAINER_DELETE, V.CONTAINER_SETEACL, V.CONTAINER_SETATTRIBUTE, V.CONTAINER_REMOVEATTRIBUTE].map(containerVerbV1)).toEqual([1, 2, 3, 4, 5]);
    expect(containerVerbV1(V.OBJECT_PUT)).toBeUndefined();
  });
});

describe('defaults and the flag', () => {
  it('v0.42: five wildcard container verbs; v0.45: verbs 1–6 and 8–12', () => {
    expect(defaultSessionRules('v0.42')).toEqual([8, 9, 10, 11, 12].map((verb) => ({ verb })));
    expect(defaultSessionRules('v0.45').map((r) => r.verb).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
  });

  it('absent ⇒ defaults, none ⇒ nothing, errors carry the field and the JSON path', () => {
    expect(readSessionRules(undefined, { generation: 'v0.42' })).toHaveLength(5);
    expect(readSessionRules('none', { generation: 'v0.42' })).toEqual([]);
    expect(readSessionRules('[{"verb":"PUT"}]', { generation: 'v0.42' })).toHaveLength(2);
    try {
      readSessionRules('[{"verb":"FOO"}]', { generation: 'v0.42' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AuthmateError);
      expect(err).toMatchObject({ code: 'JSON_FIELD', field: 'sessionRules', position: '[0].verb' });
      expect((err as Error).message).toMatch(/^\[0\]\.verb: unknown session token verb "FOO"/);
    }
    expect(() => readSessionRules('rules.json', { generation: 'v0.42', readFile: () => '[{"verb":"PUT",]' })).toThrow(
      'file "rules.json": invalid JSON at line 1:16: expected a string key, found "]"',
    );
  });
});
