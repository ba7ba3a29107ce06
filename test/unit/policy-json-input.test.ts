import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonInputError, JsonSyntaxError, parseJson, readJsonInput } from '../../src/policy/json-input.js';

describe('parseJson', () => {
  it('parses the same values as JSON.parse', () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]}', ' [ ] ', '"s"', '0', '{"__proto__":1}', '{"a":1,"a":2}']) {
      expect(parseJson(text)).toEqual(JSON.parse(text));
    }
    expect(Object.keys(parseJson('{"__proto__":1}') as object)).toEqual(['__proto__']);
  });

  it.each([
    ['{"a":}', 1, 6, 'unexpected "}", expected a JSON value'],
    ['{\n  "a": 1,\n  "b" 2\n}', 3, 7, 'expected ":" after key, found "2"'],
    ['[1,2', 1, 5, 'expected "," or "]" in array, found end of input'],
    ['{"a":1,}', 1, 8, 'expected a string key, found "}"'],
    ['01', 1, 2, 'unexpected "1" after the JSON value'],
    ["{'a':1}", 1, 2, `expected a string key, found "'"`],
    ['"abc', 1, 1, 'unterminated string'],
    ['"\\x"', 1, 2, 'invalid escape in string'],
    ['', 1, 1, 'unexpected end of input, expected a JSON value'],
    ['[1] x', 1, 5, 'unexpected "x" after the JSON value'],
  ])('%j fails at %i:%i', (text, line, column, reason) => {
    const err = (() => {
      try {
        parseJson(text);
      } catch (e) {
        return e as JsonSyntaxError;
      }
    })();
    expect(err).toBeInstanceOf(JsonSyntaxError);
    expect([err!.line, err!.column, err!.reason]).toEqual([line, column, reason]);
  });

  it('refuses duplicate keys on request', () => {
    expect(() => parseJson('{"a":1,"a":2}', { duplicateKeys: 'error' })).toThrow('line 1:8: duplicate key "a"');
  });
});

describe('readJsonInput (authmate v0.22+: JSON text first, then a file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authmate-json-'));
  const good = join(dir, 'rules.json');
  const bad = join(dir, 'bad.json');
  writeFileSync(good, '{"records":[]}');
  writeFileSync(bad, '{\n  "records": [,]\n}');

  it('takes valid JSON text as is, else reads the file', () => {
    expect(readJsonInput('{"records":[]}')).toEqual({ records: [] });
    expect(readJsonInput(good)).toEqual({ records: [] });
  });

  it('names the file and the position; the field is the caller\'s', () => {
    const run = (v: string) => () => readJsonInput(v, { field: 'sessionRules' });
    expect(run(bad)).toThrow(`file ${JSON.stringify(bad)}: invalid JSON at line 2:15: unexpected ",", expected a JSON value`);
    expect(run('[{"verb":"PUT",}]')).toThrow('invalid JSON at line 1:16: expected a string key, found "}"');
    expect(run(join(dir, 'missing.json'))).toThrow(/^neither valid JSON \(line 1:1: .*\) nor a readable file \(ENOENT\)$/);
    try {
      run('nope')();
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(JsonInputError);
      expect(err).toMatchObject({ code: 'JSON_INPUT', field: 'sessionRules', position: '1:1' });
    }
  });

  it('reports duplicate keys of valid JSON text without trying a file', () => {
    let read = false;
    const f = () => readJsonInput('{"a":1,"a":2}', { duplicateKeys: 'error', readFile: () => ((read = true), '') });
    expect(f).toThrow('invalid JSON at line 1:8: duplicate key "a"');
    expect(read).toBe(false);
  });
});
