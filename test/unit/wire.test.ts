import { describe, expect, it } from 'vitest';
import { MAX_FIELD_NUMBER, ProtoDecodeError, ProtoMessage, ProtoWriter, readFields } from '../../src/neofs/proto/wire.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ProtoWriter (stable marshaling rules)', () => {
  it('omits zero scalars and empty bytes/strings', () => {
    const w = new ProtoWriter().uint64(1, 0).enum(2, 0).bool(3, false).bytes(4, new Uint8Array()).string(5, '');
    expect(w.finish().length).toBe(0);
  });
  it('writes a present empty sub-message as tag + 00', () => {
    expect(hex(new ProtoWriter().message(1, new Uint8Array()).finish())).toBe('0a00');
    expect(hex(new ProtoWriter().message(1, undefined).finish())).toBe('');
  });
  it('encodes varints, negative enums and fixed64 like proto3', () => {
    expect(hex(new ProtoWriter().uint64(1, 300).finish())).toBe('08ac02');
    expect(hex(new ProtoWriter().enum(1, -1).finish())).toBe('08ffffffffffffffffff01');
    expect(hex(new ProtoWriter().uint64(2, 0xffff_ffff_ffff_ffffn).finish())).toBe('10ffffffffffffffffff01');
    expect(hex(new ProtoWriter().fixed64(1, 1).finish())).toBe('090100000000000000');
  });
  it('keeps empty elements of repeated bytes and packs repeated varints', () => {
    expect(hex(new ProtoWriter().repeatedBytes(1, [new Uint8Array(), Uint8Array.of(7)]).finish())).toBe('0a000a0107');
    expect(hex(new ProtoWriter().packedVarints(2, [1, 300, 12]).finish())).toBe('1204' + '01ac020c');
  });
  it('rejects values outside their range', () => {
    expect(() => new ProtoWriter().uint64(1, -1)).toThrow(/out of uint64 range/);
    expect(() => new ProtoWriter().uint32(1, 2 ** 32)).toThrow(/uint32/);
    expect(() => new ProtoWriter().uint64(1, 2 ** 60)).toThrow(/safe integer/);
  });
});

describe('readFields / ProtoMessage', () => {
  it('round-trips what the writer wrote', () => {
    const inner = new ProtoWriter().string(1, 'x').finish();
    const buf = new ProtoWriter()
      .uint64(1, 5n)
      .bytes(2, Uint8Array.of(1, 2))
      .message(3, inner)
      .enum(4, -2)
      .packedVarints(5, [3, 1])
      .fixed64(6, 9)
      .finish();
    const m = new ProtoMessage(buf);
    expect(m.number(1)).toBe(5);
    expect(hex(m.bytes(2)!)).toBe('0102');
    expect(new ProtoMessage(m.bytes(3)!).string(1)).toBe('x');
    expect(m.int(4)).toBe(-2);
    expect(m.repeatedVarints(5)).toEqual([3n, 1n]);
    expect(m.bigint(6)).toBe(9n);
    expect(m.bytes(9)).toBeUndefined();
  });
  it('rejects truncated and malformed input', () => {
    expect(() => readFields(Uint8Array.of(0x0a, 0x05, 1))).toThrow(/overruns/);
    expect(() => readFields(Uint8Array.of(0x08))).toThrow(/truncated varint/);
    expect(() => readFields(Uint8Array.of(0x0b))).toThrow(/wire type 3/);
    expect(() => readFields(Uint8Array.of(0x00))).toThrow(/field number 0/);
  });
});

describe('strictness as Go protowire', () => {
  const h = (s: string) => new Uint8Array(Buffer.from(s.replaceAll(' ', ''), 'hex'));
  const errorOf = (f: () => unknown): Error => {
    try {
      f();
    } catch (e) {
      return e as Error;
    }
    throw new Error('did not throw');
  };

  it('accepts a 10-byte varint whose last byte is 0 or 1 (2^64 - 1 is the largest)', () => {
    expect(new ProtoMessage(h('08 ffffffffffffffffff01')).bigint(1)).toBe(0xffff_ffff_ffff_ffffn);
    expect(new ProtoMessage(h('08 80808080808080808000')).bigint(1)).toBe(0n); // non-minimal, still 10 bytes: Go accepts it
  });
  it('rejects a 10th byte above 1 (over 64 bits) and an 11th byte, naming the position', () => {
    for (const bad of ['08 ffffffffffffffffff02', '08 ffffffffffffffffff7f', '08 ffffffffffffffffff8101']) {
      const e = errorOf(() => readFields(h(bad)));
      expect(e).toBeInstanceOf(ProtoDecodeError);
      expect(e.message).toBe('varint overflows 64 bits (at byte 1)');
    }
    // In a key, too.
    expect(errorOf(() => readFields(h('0801 ffffffffffffffffff02')))).toMatchObject({ name: 'ProtoDecodeError', message: 'varint overflows 64 bits (at byte 2)' });
  });
  it('rejects truncated varints, lengths and fixed fields with their position', () => {
    expect(errorOf(() => readFields(h('0801 10ff')))).toMatchObject({ name: 'ProtoDecodeError', message: 'truncated varint (at byte 3)' });
    expect(errorOf(() => readFields(h('0801 12ffffffffffffffffff01')))).toMatchObject({ message: 'field 2: length 18446744073709551615 overruns the message (at byte 2)' });
    expect(errorOf(() => readFields(h('0801 19 0102')))).toMatchObject({ message: 'truncated fixed64 in field 3 (at byte 2)' });
  });
  it('rejects field numbers outside 1 .. 2^29-1', () => {
    expect(readFields(h('f8ffffff0f 01'))[0]).toMatchObject({ field: MAX_FIELD_NUMBER, value: 1n });
    expect(errorOf(() => readFields(h('8080808010 01')))).toMatchObject({ name: 'ProtoDecodeError', message: 'field number 536870912 is above 536870911 (at byte 0)' });
  });
  it('invalid UTF-8 in a string field is a ProtoDecodeError, not a TypeError', () => {
    const m = new ProtoMessage(h('0801 1202 c328'));
    expect(errorOf(() => m.string(2))).toMatchObject({ name: 'ProtoDecodeError', message: 'field 2: invalid UTF-8 (at byte 2)' });
    expect(errorOf(() => m.repeatedStrings(2))).toBeInstanceOf(ProtoDecodeError);
    expect(new ProtoMessage(h('1203 e282ac')).string(2)).toBe('€');
  });
  it('a wire type that does not fit the accessor is an error', () => {
    expect(errorOf(() => new ProtoMessage(h('1000')).string(2))).toMatchObject({ message: 'field 2: expected a string (at byte 0)' });
    expect(errorOf(() => new ProtoMessage(h('1d01000000')).repeatedVarints(3))).toMatchObject({ message: 'field 3: expected varints (at byte 0)' });
  });
  it('packed varints are read with the same rules', () => {
    expect(new ProtoMessage(h('1203 01ac02')).repeatedVarints(2)).toEqual([1n, 300n]);
    expect(errorOf(() => new ProtoMessage(h('1202 01ac')).repeatedVarints(2))).toMatchObject({ name: 'ProtoDecodeError', message: 'truncated varint (at byte 1)' });
    expect(errorOf(() => new ProtoMessage(h('120a ffffffffffffffffff02')).repeatedVarints(2))).toMatchObject({ message: 'varint overflows 64 bits (at byte 0)' });
  });
});
