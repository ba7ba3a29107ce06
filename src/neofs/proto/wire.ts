import { AuthmateError, type AuthmateErrorOptions } from '../../errors.js';
/**
 * Protobuf wire format with NeoFS "stable marshaling" rules (protocol.md §2.1):
 * fields are written in the order the caller writes them (callers write ascending field
 * numbers), zero scalars are omitted, a present sub-message is always written (even empty),
 * repeated bytes/strings/messages are unpacked, repeated varints are packed.
 *
 * Signatures are computed over these bytes, never over a generic encoder's output, because a
 * node verifies over its own canonical re-encoding.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

export type Uint64 = number | bigint;

function toBigUint64(v: Uint64, what: string): bigint {
  const b = typeof v === 'bigint' ? v : BigInt(v);
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError(`${what}: ${v} is not a safe integer`);
  if (b < 0n || b > 0xffff_ffff_ffff_ffffn) throw new RangeError(`${what}: ${v} is out of uint64 range`);
  return b;
}

/** Builds one message. Each method appends one field (or nothing, for zero values). */
export class ProtoWriter {
  private parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private rawVarint(v: bigint): void {
    const out: number[] = [];
    while (v > 0x7fn) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: number): void {
    this.rawVarint(BigInt((field << 3) | wire));
  }

  /** uint32/uint64/bool-as-number; 0 is omitted. */
  uint64(field: number, v: Uint64 | undefined): this {
    if (v === undefined) return this;
    const b = toBigUint64(v, `field ${field}`);
    if (b === 0n) return this;
    this.tag(field, WIRE_VARINT);
    this.rawVarint(b);
    return this;
  }

  uint32(field: number, v: number | undefined): this {
    if (v !== undefined && (v < 0 || v > 0xffff_ffff || !Number.isInteger(v))) {
      throw new RangeError(`field ${field}: ${v} is out of uint32 range`);
    }
    return this.uint64(field, v);
  }

  /** int32/int64/enum: negative values are 10-byte two's-complement varints; 0 is omitted. */
  int64(field: number, v: number | bigint | undefined): this {
    if (v === undefined) return this;
    const b = typeof v === 'bigint' ? v : BigInt(v);
    if (b === 0n) return this;
    this.tag(field, WIRE_VARINT);
    this.rawVarint(b < 0n ? (1n << 64n) + b : b);
    return this;
  }

  enum(field: number, v: number | undefined): this {
    return this.int64(field, v);
  }

  bool(field: number, v: boolean | undefined): this {
    return v ? this.uint64(field, 1) : this;
  }

  fixed64(field: number, v: Uint64 | undefined): this {
    if (v === undefined) return this;
    const b = toBigUint64(v, `field ${field}`);
    if (b === 0n) return this;
    this.tag(field, WIRE_FIXED64);
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setBigUint64(0, b, true);
    this.push(buf);
    return this;
  }

  fixed32(field: number, v: number | undefined): this {
    if (!v) return this;
    this.tag(field, WIRE_FIXED32);
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setUint32(0, v >>> 0, true);
    this.push(buf);
    return this;
  }

  /** bytes; empty or undefined is omitted. */
  bytes(field: number, v: Uint8Array | undefined): this {
    if (!v || v.length === 0) return this;
    return this.lengthDelimited(field, v);
  }

  string(field: number, v: string | undefined): this {
    if (!v) return this;
    return this.lengthDelimited(field, utf8.encode(v));
  }

  /** An embedded message: absent (undefined) is omitted, present is written even when empty. */
  message(field: number, encoded: Uint8Array | undefined): this {
    if (encoded === undefined) return this;
    return this.lengthDelimited(field, encoded);
  }

  repeatedMessages(field: number, list: readonly Uint8Array[] | undefined): this {
    for (const m of list ?? []) this.lengthDelimited(field, m);
    return this;
  }

  /** Repeated bytes are not packed; empty elements are still written. */
  repeatedBytes(field: number, list: readonly Uint8Array[] | undefined): this {
    for (const b of list ?? []) this.lengthDelimited(field, b);
    return this;
  }

  repeatedStrings(field: number, list: readonly string[] | undefined): this {
    for (const s of list ?? []) this.lengthDelimited(field, utf8.encode(s));
    return this;
  }

  /** Repeated varints (enums) are packed into one length-delimited field. */
  packedVarints(field: number, list: readonly number[] | undefined): this {
    if (!list || list.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of list) inner.rawVarint(BigInt(v) < 0n ? (1n << 64n) + BigInt(v) : BigInt(v));
    return this.lengthDelimited(field, inner.finish());
  }

  private lengthDelimited(field: number, v: Uint8Array): this {
    this.tag(field, WIRE_BYTES);
    this.rawVarint(BigInt(v.length));
    this.push(v);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let off = 0;
    for (const p of this.parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}

/** One decoded field: varint/fixed values as bigint, length-delimited ones as bytes. */
export type ProtoField =
  | { field: number; wire: typeof WIRE_VARINT | typeof WIRE_FIXED64 | typeof WIRE_FIXED32; value: bigint }
  | { field: number; wire: typeof WIRE_BYTES; value: Uint8Array };

/** Thrown for bytes that are not a well-formed protobuf message. */
export class ProtoDecodeError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('PROTO_DECODE', message, options);
  }
}

/** Splits a message into its fields, in wire order. Unknown wire types are an error. */
export function readFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let off = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (off >= buf.length) throw new ProtoDecodeError('truncated varint');
      const b = buf[off++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtoDecodeError('varint longer than 10 bytes');
    }
  };
  while (off < buf.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new ProtoDecodeError('field number 0');
    switch (wire) {
      case WIRE_VARINT:
        out.push({ field, wire, value: varint() });
        break;
      case WIRE_FIXED64: {
        if (off + 8 > buf.length) throw new ProtoDecodeError(`truncated fixed64 in field ${field}`);
        const v = new DataView(buf.buffer, buf.byteOffset + off, 8).getBigUint64(0, true);
        off += 8;
        out.push({ field, wire, value: v });
        break;
      }
      case WIRE_BYTES: {
        const len = Number(varint());
        if (off + len > buf.length) throw new ProtoDecodeError(`field ${field}: length ${len} overruns the message`);
        out.push({ field, wire, value: buf.subarray(off, off + len) });
        off += len;
        break;
      }
      case WIRE_FIXED32: {
        if (off + 4 > buf.length) throw new ProtoDecodeError(`truncated fixed32 in field ${field}`);
        const v = new DataView(buf.buffer, buf.byteOffset + off, 4).getUint32(0, true);
        off += 4;
        out.push({ field, wire, value: BigInt(v) });
        break;
      }
      default:
        throw new ProtoDecodeError(`unsupported wire type ${wire} in field ${field}`);
    }
  }
  return out;
}

/** Typed access to a decoded message's fields (last value wins for singular fields, as protobuf). */
export class ProtoMessage {
  readonly fields: ProtoField[];

  constructor(buf: Uint8Array) {
    this.fields = readFields(buf);
  }

  private last(field: number): ProtoField | undefined {
    for (let i = this.fields.length - 1; i >= 0; i--) if (this.fields[i]!.field === field) return this.fields[i];
    return undefined;
  }

  bytes(field: number): Uint8Array | undefined {
    const f = this.last(field);
    if (f === undefined) return undefined;
    if (f.wire !== WIRE_BYTES) throw new ProtoDecodeError(`field ${field}: expected bytes`);
    return f.value;
  }

  string(field: number): string | undefined {
    const b = this.bytes(field);
    return b === undefined ? undefined : new TextDecoder('utf-8', { fatal: true }).decode(b);
  }

  bigint(field: number): bigint | undefined {
    const f = this.last(field);
    if (f === undefined) return undefined;
    if (f.wire === WIRE_BYTES) throw new ProtoDecodeError(`field ${field}: expected a number`);
    return f.value;
  }

  /** uint32/small uint64 as number (throws above 2^53). */
  number(field: number): number | undefined {
    const v = this.bigint(field);
    if (v === undefined) return undefined;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtoDecodeError(`field ${field}: ${v} exceeds 2^53`);
    return Number(v);
  }

  /** int32/enum: 64-bit two's complement back to a signed number. */
  int(field: number): number | undefined {
    const v = this.bigint(field);
    if (v === undefined) return undefined;
    return Number(BigInt.asIntN(64, v));
  }

  bool(field: number): boolean {
    return (this.bigint(field) ?? 0n) !== 0n;
  }

  repeatedBytes(field: number): Uint8Array[] {
    return this.fields.filter((f) => f.field === field).map((f) => {
      if (f.wire !== WIRE_BYTES) throw new ProtoDecodeError(`field ${field}: expected bytes`);
      return f.value;
    });
  }

  /** Packed or unpacked repeated varints. */
  repeatedVarints(field: number): bigint[] {
    const out: bigint[] = [];
    for (const f of this.fields) {
      if (f.field !== field) continue;
      if (f.wire === WIRE_BYTES) {
        const inner = readFields(packedAsFields(f.value));
        for (const g of inner) out.push(g.value as bigint);
      } else out.push(f.value);
    }
    return out;
  }
}

/** Re-tags packed varint bytes as field-1 varints so readFields can split them. */
function packedAsFields(packed: Uint8Array): Uint8Array {
  const out: number[] = [];
  let start = true;
  for (const b of packed) {
    if (start) out.push(0x08);
    out.push(b);
    start = (b & 0x80) === 0;
  }
  if (!start) throw new ProtoDecodeError('truncated packed varint');
  return Uint8Array.from(out);
}
