/**
 * Shared pieces of the property-based fuzz tests (test/unit/fuzz-*.test.ts).
 *
 * `npm test` runs each property a few dozen to a few hundred times; `npm run fuzz` sets
 * FUZZ_RUNS (default 100000) and runs every property that many times, printing per decoder how
 * many inputs decoded and how many were refused with a typed error. Any other throw (TypeError,
 * RangeError, an unexported class) fails the property with the input that caused it.
 */
import fc from 'fast-check';
import { afterAll } from 'vitest';
import * as lib from '../../src/index.js';

/** Set by `npm run fuzz`; unset in `npm test`. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 0;

/** fast-check parameters: the short count in `npm test`, FUZZ_RUNS under `npm run fuzz`. */
export function params(shortRuns: number): fc.Parameters<unknown> {
  return { numRuns: FUZZ_RUNS || shortRuns, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) };
}

/** Per-test timeout: generous under `npm run fuzz`. */
export const TIMEOUT = FUZZ_RUNS ? 6 * 3600_000 : 30_000;

/** Every error class the library exports (found by walking its exports, so new ones count too). */
export const EXPORTED_ERRORS = (Object.values(lib) as unknown[]).filter(
  (v): v is new (...a: never[]) => Error => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Error,
);

export const isTypedError = (err: unknown): boolean => EXPORTED_ERRORS.some((C) => err instanceof C);

const counts = new Map<string, { ok: number; typed: number; pending: number }>();

/**
 * Runs one decoder call: returns its value, or `undefined` when it threw one of the library's
 * exported errors. Anything else is rethrown, so fast-check shrinks and reports the input.
 * `pending` names error classes of a known finding in a file another change owns (see the
 * TODO at the call): tolerated and counted separately until that change lands.
 */
export function typedOrValue<T>(decoder: string, f: () => T, pending: readonly ((err: unknown) => boolean)[] = []): T | undefined {
  const c = counts.get(decoder) ?? { ok: 0, typed: 0, pending: 0 };
  counts.set(decoder, c);
  try {
    const v = f();
    c.ok++;
    return v;
  } catch (err) {
    if (isTypedError(err)) c.typed++;
    else if (pending.some((known) => known(err))) c.pending++;
    else throw err;
    return undefined;
  }
}

/** Prints the counts of this file's decoders once its tests ran (always under `npm run fuzz`). */
export function reportCounts(file: string): void {
  afterAll(() => {
    if (!FUZZ_RUNS && !process.env.FUZZ_REPORT) return;
    const lines = [...counts].map(
      ([d, c]) =>
        `  ${d.padEnd(44)} ${String(c.ok + c.typed + c.pending).padStart(9)} inputs: ${String(c.ok).padStart(8)} decoded, ${String(c.typed).padStart(8)} typed errors, 0 untyped` +
        (c.pending ? `, ${c.pending} known-finding errors (see TODO)` : ''),
    );
    console.log(`fuzz ${file}:\n${lines.join('\n')}`);
  });
}

/** Known finding F1: src/neofs/proto/wire.ts's ProtoDecodeError is not exported (issue 9 item 5). */

export const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

type ByteEdit = { kind: 'flip'; at: number; bit: number } | { kind: 'set'; at: number; v: number } | { kind: 'insert'; at: number; v: number } | { kind: 'delete'; at: number; n: number } | { kind: 'truncate'; at: number };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), v: fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xff, 0x08, 0x0a, 0x12) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyEdits(seed: Uint8Array, edits: ByteEdit[]): Uint8Array {
  let b = Array.from(seed);
  for (const e of edits) {
    const at = b.length ? e.at % (b.length + (e.kind === 'insert' ? 1 : 0)) : 0;
    if (e.kind === 'flip' && b.length) b[at] = b[at]! ^ (1 << e.bit);
    else if (e.kind === 'set' && b.length) b[at] = e.v;
    else if (e.kind === 'insert') b.splice(at, 0, e.v);
    else if (e.kind === 'delete') b.splice(at, e.n);
    else if (e.kind === 'truncate') b = b.slice(0, at);
  }
  return new Uint8Array(b);
}

/** Byte strings near valid ones: 1–4 edits (bit flips, bytes set/inserted/deleted, truncation) of a seed, or random bytes. */
export function mutatedBytes(seeds: readonly Uint8Array[], maxRandom = 256): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(byteEdit, { minLength: 1, maxLength: 4 })).map(([s, e]) => applyEdits(s, e)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: maxRandom }) },
  );
}

/** Texts near valid ones: the seed with 1–4 characters replaced, inserted or deleted, or random text. */
export function mutatedText(seeds: readonly string[], alphabet: string): fc.Arbitrary<string> {
  const ch = fc.constantFrom(...Array.from(alphabet));
  const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('set', 'insert', 'delete'), c: ch });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([s, edits]) => {
        const cs = Array.from(s);
        for (const e of edits) {
          const at = cs.length ? e.at % cs.length : 0;
          if (e.kind === 'set') cs[at] = e.c;
          else if (e.kind === 'insert') cs.splice(at, 0, e.c);
          else cs.splice(at, 1);
        }
        return cs.join('');
      }),
    },
    { weight: 1, arbitrary: fc.string({ unit: ch, maxLength: 80 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values that break sloppy JSON readers: wrong types, huge or fractional numbers, odd strings. */
const oddJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2 ** 32, 2 ** 53, -(2 ** 63), 1e300, '', '0', '-1', 'x', '18446744073709551616', '1e3', ' 1', [], {}, [null], { value: null }),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

function nodes(v: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => nodes(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) nodes(x, [...path, k], out);
  return out;
}

function replaceAt(v: Json, path: (string | number)[], repl: Json | undefined): Json {
  if (path.length === 0) return repl === undefined ? null : repl;
  const copy: Json = Array.isArray(v) ? [...v] : { ...(v as Record<string, Json>) };
  const [k, ...rest] = path;
  const child = (copy as Record<string | number, Json>)[k!]!;
  if (rest.length === 0 && repl === undefined) {
    if (Array.isArray(copy)) copy.splice(k as number, 1);
    else delete (copy as Record<string, Json>)[k as string];
  } else (copy as Record<string | number, Json>)[k!] = replaceAt(child, rest, repl);
  return copy;
}

/** JSON values near valid ones: 1–3 nodes of a seed replaced by odd values or removed, or random JSON. */
export function mutatedJson(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  const edit = fc.record({ at: fc.nat(), repl: fc.option(oddJson, { nil: undefined, freq: 4 }) });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...(seeds as Json[])), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([s, edits]) => {
        let v = s;
        for (const e of edits) {
          const all = nodes(v);
          v = replaceAt(v, all[e.at % all.length]!, e.repl);
        }
        return v;
      }),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );
}
