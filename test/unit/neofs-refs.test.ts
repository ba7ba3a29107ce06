import { describe, expect, it } from 'vitest';
import {
  API_VERSION,
  ChecksumType,
  type ContainerId,
  type OwnerId,
  asContainerId,
  asObjectId,
  asOwnerId,
  decodeContainerIdMessage,
  encodeContainerIdMessage,
  ownerIdFromScriptHash,
  checkUuidV4,
  containerIdFromContainer,
  containerIdToString,
  decodeAddress,
  decodeChecksum,
  decodeVersion,
  encodeAddress,
  encodeChecksum,
  encodeVersion,
  newUuidV4,
  ownerIdFromPublicKey,
  ownerIdToString,
  parseAddress,
  parseContainerId,
  parseOwnerId,
  parseUuid,
  uuidToString,
} from '../../src/neofs/refs.js';
import { addressFromPublicKey } from '../../src/crypto/keys.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('owner ID', () => {
  // authmate doc wallet key (protocol.md §4.1).
  const pub = hex('025c2b1464fc14c8a1ecea7032c82bc9e6cfef2f0664915b56342d335b31fc6bd7');

  it('derives the 25-byte ID and its N3-address string from a public key', () => {
    const id = ownerIdFromPublicKey(pub);
    expect(toHex(id)).toBe('35eafa04b03d811fc19078448dab25090c0038807ad63e92e1');
    expect(ownerIdToString(id)).toBe('NhLQpDnerpviUWDF77j5qyjFgavCmasJ4p');
    expect(ownerIdToString(id)).toBe(addressFromPublicKey(pub));
    expect(parseOwnerId('NhLQpDnerpviUWDF77j5qyjFgavCmasJ4p')).toEqual(id);
  });

  it('rejects bad checksums, prefixes and lengths', () => {
    expect(() => parseOwnerId('NhLQpDnerpviUWDF77j5qyjFgavCmasJ4q')).toThrow(/checksum/);
    expect(() => parseOwnerId('1111')).toThrow(/25 bytes/);
    expect(() => ownerIdFromPublicKey(pub.subarray(1))).toThrow(/33-byte/);
  });
});

describe('container ID', () => {
  it('is sha256 of the container bytes (protocol.md §11 example) and parses back', () => {
    const container = hex(
      '0a0408021015121b0a1935eafa04b03d811fc19078448dab25090c0038807ad63e92e11a100f1e2d3c4b5a49788796a5b4c3d2e1f020ce99b2e4012a170a0954696d657374616d70120a313730303030303030303213' +
        '0a05080212015810031a080a015810022a012a',
    );
    const id = containerIdFromContainer(container);
    expect(toHex(id)).toBe('43e7a898ccca1946891694704e5ca556fcc3d10cdd53b7680c6397e1d583df1f');
    expect(containerIdToString(id)).toBe('5a5CMaqPSHhsdFJgRtzNtPMzbYb7vc97Kk3rFLy43kfx');
    expect(parseContainerId('5a5CMaqPSHhsdFJgRtzNtPMzbYb7vc97Kk3rFLy43kfx')).toEqual(id);
  });

  it('gives clear errors', () => {
    expect(() => parseContainerId('')).toThrow(/container ID is empty/);
    expect(() => parseContainerId('5a5CMaqPSHhsdFJgRtzNtPMzbYb7vc97Kk3rFLy43kf0')).toThrow(/not base58 \(invalid character "0"\)/);
    expect(() => parseContainerId('5a5CMaqPSHhsdFJ')).toThrow(/must be 32 bytes, got 11/);
    expect(() => parseContainerId('11111111111111111111111111111111')).toThrow(/all zeros/);
  });
});

describe('address', () => {
  it('round-trips string and message forms', () => {
    const s = '5a5CMaqPSHhsdFJgRtzNtPMzbYb7vc97Kk3rFLy43kfx/5a5CMaqPSHhsdFJgRtzNtPMzbYb7vc97Kk3rFLy43kfx';
    const a = parseAddress(s);
    const enc = encodeAddress(a);
    const id = '43e7a898ccca1946891694704e5ca556fcc3d10cdd53b7680c6397e1d583df1f';
    expect(toHex(enc)).toBe(`0a220a20${id}12220a20${id}`);
    expect(decodeAddress(enc)).toEqual(a);
    expect(() => parseAddress('abc')).toThrow(/<container ID>\/<object ID>/);
  });
});

describe('version, checksum, UUID', () => {
  it('encodes version 2.21 as 08 02 10 15', () => {
    expect(toHex(encodeVersion(API_VERSION))).toBe('08021015');
    expect(decodeVersion(hex('08021015'))).toEqual({ major: 2, minor: 21 });
  });

  it('encodes checksums with proto enum values', () => {
    const c = { type: ChecksumType.SHA256, sum: hex('ab'.repeat(32)) };
    expect(toHex(encodeChecksum(c))).toBe(`08021220${'ab'.repeat(32)}`);
    expect(decodeChecksum(encodeChecksum(c))).toEqual(c);
  });

  it('makes version-4 UUIDs and formats/parses them', () => {
    const u = newUuidV4();
    expect(checkUuidV4(u)).toBe(u);
    expect(parseUuid(uuidToString(u))).toEqual(u);
    expect(uuidToString(hex('0f1e2d3c4b5a49788796a5b4c3d2e1f0'))).toBe('0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0');
    expect(() => checkUuidV4(hex('0f1e2d3c4b5a19788796a5b4c3d2e1f0'))).toThrow(/version 4, got version 1/);
    expect(() => parseUuid('xyz')).toThrow(/not a UUID/);
  });
});

describe('Go SDK rc.17 vectors (tools/golden)', async () => {
  const { readFileSync } = await import('node:fs');
  const golden = JSON.parse(readFileSync(new URL('../vectors/neofs/golden.json', import.meta.url), 'utf8'));

  it('owner ID equals user.NewFromECDSAPublicKey', () => {
    const id = ownerIdFromPublicKey(hex(golden.ownerId.publicKey));
    expect(toHex(id)).toBe(golden.ownerId.bytes);
    expect(ownerIdToString(id)).toBe(golden.ownerId.string);
  });

  it('container IDs equal cid.NewFromMarshalledContainer', () => {
    for (const c of golden.containers) {
      const id = containerIdFromContainer(hex(c.bytes));
      expect(toHex(id)).toBe(c.id);
      expect(containerIdToString(id)).toBe(c.idString);
    }
  });
});

describe('branded IDs: only the checking constructors make one', () => {
  const errorOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as Error;
    }
    return undefined;
  };

  it('asContainerId / asObjectId check length and non-zero; asOwnerId checks length, prefix and checksum', () => {
    expect(errorOf(() => asContainerId(new Uint8Array(31).fill(1)))).toMatchObject({ name: 'NeoFSFormatError', message: 'container ID must be 32 bytes, got 31' });
    expect(errorOf(() => asContainerId(new Uint8Array(32)))).toMatchObject({ name: 'NeoFSFormatError', message: 'container ID is all zeros' });
    expect(errorOf(() => asObjectId(new Uint8Array(33).fill(1)))).toMatchObject({ name: 'NeoFSFormatError', message: 'object ID must be 32 bytes, got 33' });
    const owner = ownerIdFromScriptHash(new Uint8Array(20).fill(3));
    expect(asOwnerId(Uint8Array.from(owner))).toEqual(owner);
    const bad = Uint8Array.from(owner);
    bad[24]! ^= 1;
    expect(errorOf(() => asOwnerId(bad))).toMatchObject({ name: 'NeoFSFormatError', message: 'owner ID checksum mismatch' });
    expect(errorOf(() => asOwnerId(owner.subarray(1)))).toMatchObject({ message: 'owner ID must be 25 bytes, got 24' });
    expect(asContainerId(new Uint8Array(32).fill(1))).toBeInstanceOf(Uint8Array);
  });

  it('decoded IDs are copies, not views of the message', () => {
    const msg = encodeContainerIdMessage(asContainerId(new Uint8Array(32).fill(5)));
    const id = decodeContainerIdMessage(msg);
    msg[2] = 9;
    expect(id[0]).toBe(5);
  });

  it('a plain Uint8Array is not an ID for the type checker', () => {
    const takesCid = (c: ContainerId) => c.length;
    const takesOwner = (o: OwnerId) => o.length;
    // @ts-expect-error a Uint8Array must go through asContainerId
    expect(takesCid(new Uint8Array(32).fill(1))).toBe(32);
    // @ts-expect-error an object ID is not a container ID
    expect(takesCid(asObjectId(new Uint8Array(32).fill(1)))).toBe(32);
    // @ts-expect-error nor an owner ID
    expect(takesOwner(new Uint8Array(25))).toBe(25);
  });
});
