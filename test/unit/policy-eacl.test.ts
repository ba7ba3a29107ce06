import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EACLDecodeError,
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

// Issue 9 item 5: only EACLDecodeError leaves the binary decoder.
describe('eACL binary decoding errors', () => {
  it.each([
    ['truncated', '0a05', 'invalid eACL table: field 1: length 5 overruns the message (at byte 0)'],
    ['invalid UTF-8 in a filter key', '1a07 1a05 1a03 6180ff', 'invalid eACL table: field 3: invalid UTF-8 (at byte 0)'],
    ['varint over 64 bits in an operation', '1a0b 08 ffffffffffffffffff02', 'invalid eACL table: varint overflows 64 bits (at byte 1)'],
    ['field number 0', '00', 'invalid eACL table: field number 0 (at byte 0)'],
    ['short container ID', '1203 0a0101', 'containerID: invalid container ID length 1, expected 32'],
    ['zero container ID', `1222 0a20${'00'.repeat(32)}`, 'containerID: zero container ID'],
    ['negative role', '1a0d 220b 08 feffffffffffffffff01', 'records[0].targets[0].role: negative value -2'],
  ])('%s', (_, hexInput, message) => {
    const bytes = new Uint8Array(Buffer.from(hexInput.replaceAll(' ', ''), 'hex'));
    let err: unknown;
    try {
      decodeEACLTable(bytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EACLDecodeError);
    expect((err as Error).message).toBe(message);
  });
});
