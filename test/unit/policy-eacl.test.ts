import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EACLOperation,
  decodeEACLTable,
  defaultBearerTable,
  eaclTableFromJSON,
  eaclTableToJSON,
  encodeEACLTable,
} from '../../src/policy/eacl.js';
import { parseJson } from '../../src/policy/json-input.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const go = JSON.parse(readFileSync(new URL('../vectors/policy/sdk-rc17.json', import.meta.url), 'utf8')) as {
  eaclJSON: { input: string; error: string; bytes?: string }[];
  defaultBearerTable: string;
};

// protojson refuses repeated keys, so the eACL text goes through our parser in that mode.
const fromText = (text: string) => eaclTableFromJSON(parseJson(text, { duplicateKeys: 'error' }));

describe('eACL table protojson against SDK rc.17 eacl.Table.UnmarshalJSON + Marshal', () => {
  it('has accepted and rejected cases', () => {
    expect(go.eaclJSON.filter((v) => !v.error).length).toBeGreaterThan(10);
    expect(go.eaclJSON.filter((v) => v.error).length).toBeGreaterThan(15);
  });

  it.each(go.eaclJSON.map((v) => [v.input, v] as const))('%s', (_, v) => {
    if (v.error) {
      expect(() => fromText(v.input), v.error).toThrow();
      return;
    }
    const t = fromText(v.input);
    expect(hex(encodeEACLTable(t))).toBe(v.bytes);
    expect(decodeEACLTable(encodeEACLTable(t))).toEqual(t);
    expect(eaclTableFromJSON(eaclTableToJSON(t))).toEqual(t);
  });

  it('default bearer table of authmate v0.42 equals the Go bytes (72 bytes, version present as 0a00)', () => {
    const bytes = encodeEACLTable(defaultBearerTable());
    expect(hex(bytes)).toBe(go.defaultBearerTable);
    expect(bytes.length).toBe(72);
    expect(defaultBearerTable().records.map((r) => r.operation)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(defaultBearerTable().records[0]!.operation).toBe(EACLOperation.GET);
  });
});

describe('eACL JSON error messages name the path', () => {
  it.each([
    ['{"records":[{"operation":"GET","action":"ALLOW","targets":[{"role":"OTHER"}]}]}', 'records[0].targets[0].role: unknown value "OTHER"'],
    ['{"records":[{"operation":"get"}]}', 'records[0].operation: unknown value "get"'],
    ['{"records":[{"operation":"GET","foo":1}]}', 'records[0].foo: unknown field'],
    ['{"Records":[]}', 'Records: unknown field'],
    ['{"containerID":{"value":null}}', 'containerID.value: invalid container ID length 0, expected 32'],
    ['{"containerID":{"value":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}', 'containerID.value: zero container ID'],
    ['{"containerID":"AQID"}', 'containerID: expected an object, got string "AQID"'],
    ['{"records":[{"targets":[{"keys":["not base64!"]}]}]}', 'records[0].targets[0].keys[0]: invalid base64 "not base64!"'],
    ['{"records":[{"operation":-1}]}', 'records[0].operation: negative operation -1'],
    ['{"records":[{"filters":[{"matchType":-1}]}]}', 'records[0].filters[0].matchType: negative match type -1'],
    ['{"version":{"major":-1}}', 'version.major: -1 is out of uint32 range'],
    ['{"records":[null]}', 'records[0]: null element'],
    ['[]', 'expected an object, got an array'],
    ['{"records":[{"operation":"GET","operation":"PUT"}]}', 'line 1:32: duplicate key "operation"'],
    ['{"containerID":null,"container_id":null}', 'container_id: duplicate field (containerID / container_id)'],
  ])('%s', (input, message) => {
    expect(() => fromText(input)).toThrow(message);
  });

  it('accepts enum numbers, proto names, URL-safe base64 and unpadded base64', () => {
    const t = fromText('{"records":[{"operation":3,"action":"DENY","targets":[{"role":"USER","keys":["-_8","AQ"]}]}]}');
    expect(t.records[0]).toMatchObject({ operation: 3, action: 2, targets: [{ role: 1 }] });
    expect(t.records[0]!.targets[0]!.keys.map(hex)).toEqual(['fbff', '01']);
  });
});
