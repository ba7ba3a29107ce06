import { AuthmateError } from '../errors.js';
/**
 * Strict protojson reading (the rules of Go's google.golang.org/protobuf/encoding/protojson as
 * the SDK's `UnmarshalJSON` methods apply them): field names are case-sensitive and either the
 * JSON name or the proto name; unknown fields are errors; `null` means "not set"; enums by name
 * or number; 32-bit integers as numbers or decimal strings; bytes as base64.
 *
 * Every error names the JSON path of the offending value, e.g.
 * `records[0].targets[0].role: unknown value "OTHER"`.
 */

/** A value from `--bearer-rules`, `--session-tokens`, `--container-policy` that is malformed. */
export class JsonFieldError extends AuthmateError {
  /** JSON path of the offending value (`""` for the document itself). */
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string, field?: string, code = 'JSON_FIELD') {
    super(code, path ? `${path}: ${reason}` : reason, { field, position: path });
    this.path = path;
    this.reason = reason;
  }
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `a.b` / `a[0]` path building. */
export const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/** One message field: its JSON name (camelCase) and proto name (snake_case). */
export interface FieldName {
  json: string;
  proto: string;
}

/**
 * Checks `value` is an object whose keys are all known fields, and returns the set fields keyed by
 * JSON name (`null` values dropped, as protojson treats them as unset).
 */
export function readMessage<K extends string>(
  value: unknown,
  path: string,
  fields: readonly (FieldName & { json: K })[],
): Partial<Record<K, JsonValue>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new JsonFieldError(path, `expected an object, got ${describe(value)}`);
  }
  const out: Partial<Record<K, JsonValue>> = {};
  const seen = new Set<string>();
  for (const [key, v] of Object.entries(value as JsonObject)) {
    const f = fields.find((x) => x.json === key || x.proto === key);
    if (!f) throw new JsonFieldError(childPath(path, key), `unknown field (expected one of ${fields.map((x) => x.json).join(', ')})`);
    if (seen.has(f.json)) throw new JsonFieldError(childPath(path, key), `duplicate field (${f.json} / ${f.proto})`);
    seen.add(f.json);
    if (v !== null) out[f.json] = v;
  }
  return out;
}

/** Shorthand for fields whose JSON and proto names are equal or follow lowerCamel ↔ snake_case. */
export function fieldNames<K extends string>(...jsonNames: K[]): (FieldName & { json: K })[] {
  return jsonNames.map((json) => ({ json, proto: json.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) }));
}

const INT_TEXT = /^-?(0|[1-9][0-9]*)$/;

function integer(v: JsonValue | undefined, path: string, min: number, max: number, kind: string): number {
  if (v === undefined) return 0;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && INT_TEXT.test(v.trim()) && v.trim() === v) n = Number(v);
  else throw new JsonFieldError(path, `expected ${kind}, got ${describe(v)}`);
  if (!Number.isInteger(n)) throw new JsonFieldError(path, `expected ${kind}, got ${describe(v)}`);
  if (n < min || n > max) throw new JsonFieldError(path, `${v} is out of ${kind} range`);
  return n;
}

export const readUint32 = (v: JsonValue | undefined, path: string): number => integer(v, path, 0, 0xffff_ffff, 'uint32');
export const readInt32 = (v: JsonValue | undefined, path: string): number => integer(v, path, -0x8000_0000, 0x7fff_ffff, 'int32');

export function readString(v: JsonValue | undefined, path: string): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new JsonFieldError(path, `expected a string, got ${describe(v)}`);
  return v;
}

export function readArray(v: JsonValue | undefined, path: string): JsonValue[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new JsonFieldError(path, `expected an array, got ${describe(v)}`);
  return v;
}

/** Enum by name (case-sensitive) or by int32 number (proto3 enums are open: unknown numbers pass). */
export function readEnum(v: JsonValue | undefined, path: string, names: Readonly<Record<string, number>>): number {
  if (v === undefined) return 0;
  if (typeof v === 'string') {
    const n = names[v];
    if (n === undefined || !Object.hasOwn(names, v)) {
      throw new JsonFieldError(path, `unknown value ${JSON.stringify(v)} (expected one of ${Object.keys(names).join(', ')} or a number)`);
    }
    return n;
  }
  if (typeof v === 'number') return readInt32(v, path);
  throw new JsonFieldError(path, `expected an enum name or number, got ${describe(v)}`);
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** protojson bytes: standard or URL-safe base64, padding optional. */
export function readBytes(v: JsonValue | undefined, path: string): Uint8Array {
  if (v === undefined) return new Uint8Array(0);
  if (typeof v !== 'string') throw new JsonFieldError(path, `expected a base64 string, got ${describe(v)}`);
  const std = B64.test(v);
  if ((!std && !B64URL.test(v)) || v.replace(/=+$/, '').length % 4 === 1 || (v.includes('=') && v.length % 4 !== 0)) {
    throw new JsonFieldError(path, `invalid base64 ${JSON.stringify(v)}`);
  }
  return new Uint8Array(Buffer.from(v, std ? 'base64' : 'base64url'));
}

/** Name of an enum value for JSON output (protojson prints unknown numbers as numbers). */
export function enumName(names: Readonly<Record<string, number>>, v: number): string | number {
  for (const [k, n] of Object.entries(names)) if (n === v) return k;
  return v;
}
