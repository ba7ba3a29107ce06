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

/** Protobuf wire types (the low 3 bits of a field key). */
export const WireType = { VARINT: WIRE_VARINT, FIXED64: WIRE_FIXED64, BYTES: WIRE_BYTES, FIXED32: WIRE_FIXED32 } as const;

const utf8 = new TextEncoder();

export type Uint64 = number | bigint;

function toBigUint64(v: Uint64, what: string): bigint {
  const b = typeof v === 'bigint' ? v : BigInt(v);
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError(`${what}: ${v} is not a safe integer`);
  if (b < 0n || b > 0xffff_ffff_ffff_ffffn) throw new RangeError(`${what}: ${v} is out of uint64 range`);
  return b;
}

/**
 * Builds one message. Each method appends one field (or nothing, for zero values). Everything goes
 * into one growing buffer: a separate array per tag and length made a 1 MB placement policy cost
 * ~45 MB to encode.
 */
export class ProtoWriter {
  private buf = new Uint8Array(64);
  private size = 0;

  private reserve(n: number): void {
    if (this.size + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.size + n));
    grown.set(this.buf.subarray(0, this.size));
    this.buf = grown;
  }

  private push(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.size);
    this.size += bytes.length;
  }

  private rawVarint(v: bigint): void {
    // Tags and lengths (below 2^31) take the number path; BigInt only for large values.
    if (v < 0x8000_0000n) return this.smallVarint(Number(v));
    this.reserve(10);
    while (v > 0x7fn) {
      this.buf[this.size++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.size++] = Number(v);
  }

  /** A varint of 0 <= v < 2^31. */
  private smallVarint(v: number): void {
    this.reserve(5);
    while (v > 0x7f) {
      this.buf[this.size++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.size++] = v;
  }

  private tag(field: number, wire: number): void {
    this.smallVarint((field << 3) | wire);
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
    this.smallVarint(v.length);
    this.push(v);
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.size);
  }
}

/** One decoded field: varint/fixed values as bigint, length-delimited ones as bytes. `offset` is where its tag starts. */
export type ProtoField =
  | { field: number; wire: typeof WIRE_VARINT | typeof WIRE_FIXED64 | typeof WIRE_FIXED32; value: bigint; offset: number }
  | { field: number; wire: typeof WIRE_BYTES; value: Uint8Array; offset: number };

/** Thrown for bytes that are not a well-formed protobuf message. */
export class ProtoDecodeError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('PROTO_DECODE', message, options);
  }
}

/** One place builds decode errors, so the byte position is always named the same way. */
export function protoDecodeError(message: string, position?: number): ProtoDecodeError {
  return position === undefined ? new ProtoDecodeError(message) : new ProtoDecodeError(`${message} (at byte ${position})`, { position: String(position) });
}

/** Largest field number protobuf allows (2^29 - 1); Go's decoder rejects larger ones. */
export const MAX_FIELD_NUMBER = 0x1fff_ffff;

/**
 * Deepest message nesting our decoders follow (recursive messages: placement filters, session
 * token origins). Go's protobuf stops at 10 000; a smaller bound keeps the JS stack safe and is
 * far above anything a real policy or token uses.
 */
export const MAX_NESTING_DEPTH = 1000;

/**
 * Reads one varint at `off` as Go's protowire does: at most 10 bytes, and the 10th byte may only
 * be 0 or 1 (anything else overflows 64 bits). Returns the value and the offset after it.
 */
export function readVarint(buf: Uint8Array, off: number): [bigint, number] {
  const start = off;
  // Fast path: up to 4 bytes fit a 28-bit number without BigInt.
  let small = 0;
  for (let i = 0; i < 4; i++) {
    if (off >= buf.length) throw protoDecodeError('truncated varint', start);
    const b = buf[off++]!;
    small |= (b & 0x7f) << (7 * i);
    if ((b & 0x80) === 0) return [BigInt(small >>> 0), off];
  }
  let result = BigInt(small >>> 0);
  for (let i = 4; i < 10; i++) {
    if (off >= buf.length) throw protoDecodeError('truncated varint', start);
    const b = buf[off++]!;
    if (i === 9 && b > 1) throw protoDecodeError('varint overflows 64 bits', start);
    result |= BigInt(b & 0x7f) << BigInt(7 * i);
    if ((b & 0x80) === 0) return [result, off];
  }
  throw protoDecodeError('varint overflows 64 bits', start); // unreachable: the 10th byte ends it or throws
}

/** Splits a message into its fields, in wire order. Unknown wire types are an error. */
export function readFields(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let off = 0;
  while (off < buf.length) {
    const offset = off;
    const [key, afterKey] = readVarint(buf, off);
    off = afterKey;
    const fieldBig = key >> 3n;
    const wire = Number(key & 7n);
    if (fieldBig === 0n) throw protoDecodeError('field number 0', offset);
    if (fieldBig > BigInt(MAX_FIELD_NUMBER)) throw protoDecodeError(`field number ${fieldBig} is above ${MAX_FIELD_NUMBER}`, offset);
    const field = Number(fieldBig);
    switch (wire) {
      case WIRE_VARINT: {
        const [value, next] = readVarint(buf, off);
        off = next;
        out.push({ field, wire, value, offset });
        break;
      }
      case WIRE_FIXED64: {
        if (off + 8 > buf.length) throw protoDecodeError(`truncated fixed64 in field ${field}`, offset);
        const value = new DataView(buf.buffer, buf.byteOffset + off, 8).getBigUint64(0, true);
        off += 8;
        out.push({ field, wire, value, offset });
        break;
      }
      case WIRE_BYTES: {
        const [lenBig, next] = readVarint(buf, off);
        off = next;
        if (lenBig > BigInt(buf.length - off)) throw protoDecodeError(`field ${field}: length ${lenBig} overruns the message`, offset);
        const len = Number(lenBig);
        out.push({ field, wire, value: buf.subarray(off, off + len), offset });
        off += len;
        break;
      }
      case WIRE_FIXED32: {
        if (off + 4 > buf.length) throw protoDecodeError(`truncated fixed32 in field ${field}`, offset);
        const value = BigInt(new DataView(buf.buffer, buf.byteOffset + off, 4).getUint32(0, true));
        off += 4;
        out.push({ field, wire, value, offset });
        break;
      }
      default:
        throw protoDecodeError(`unsupported wire type ${wire} in field ${field}`, offset);
    }
  }
  return out;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 as Go's protobuf checks proto3 strings: invalid sequences are a decode error, not U+FFFD. */
export function decodeUtf8(b: Uint8Array, what: string, position?: number): string {
  try {
    return utf8Strict.decode(b);
  } catch {
    throw protoDecodeError(`${what}: invalid UTF-8`, position);
  }
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
    if (f.wire !== WIRE_BYTES) throw protoDecodeError(`field ${field}: expected bytes`, f.offset);
    return f.value;
  }

  string(field: number): string | undefined {
    const f = this.last(field);
    if (f === undefined) return undefined;
    if (f.wire !== WIRE_BYTES) throw protoDecodeError(`field ${field}: expected a string`, f.offset);
    return decodeUtf8(f.value, `field ${field}`, f.offset);
  }

  repeatedStrings(field: number): string[] {
    return this.fields.filter((f) => f.field === field).map((f) => {
      if (f.wire !== WIRE_BYTES) throw protoDecodeError(`field ${field}: expected a string`, f.offset);
      return decodeUtf8(f.value, `field ${field}`, f.offset);
    });
  }

  bigint(field: number): bigint | undefined {
    const f = this.last(field);
    if (f === undefined) return undefined;
    if (f.wire === WIRE_BYTES) throw protoDecodeError(`field ${field}: expected a number`, f.offset);
    return f.value;
  }

  /** uint32/small uint64 as number (throws above 2^53). */
  number(field: number): number | undefined {
    const v = this.bigint(field);
    if (v === undefined) return undefined;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw protoDecodeError(`field ${field}: ${v} exceeds 2^53`);
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
      if (f.wire !== WIRE_BYTES) throw protoDecodeError(`field ${field}: expected bytes`, f.offset);
      return f.value;
    });
  }

  /** Packed or unpacked repeated varints. */
  repeatedVarints(field: number): bigint[] {
    const out: bigint[] = [];
    for (const f of this.fields) {
      if (f.field !== field) continue;
      if (f.wire === WIRE_BYTES) {
        for (let off = 0; off < f.value.length; ) {
          const [v, next] = readVarint(f.value, off);
          out.push(v);
          off = next;
        }
      } else if (f.wire === WIRE_VARINT) out.push(f.value);
      else throw protoDecodeError(`field ${field}: expected varints`, f.offset);
    }
    return out;
  }
}
