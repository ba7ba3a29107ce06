import { describe, expect, it } from 'vitest';
import { ProtoMessage, ProtoWriter, readFields } from '../../src/neofs/proto/wire.js';

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
