/** Property-based fuzzing of token decoders and token files; see fuzz-helpers.ts. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSessionTokenAny, decodeSessionTokenJson, encodeSessionTokenAs, encodeSessionTokenJson } from '../../src/session/index.js';
import { decodeBearerToken, encodeBearerToken, verifyBearerToken } from '../../src/tokens/bearer.js';
import { decodeSessionToken, encodeSessionToken, verifySessionToken } from '../../src/tokens/session-v1.js';
import { decodeSessionTokenV2, encodeSessionTokenV2, validateSessionTokenV2, verifySessionTokenV2 } from '../../src/tokens/session-v2.js';
import { hex, mutatedBytes, mutatedJson, mutatedText, params, reportCounts, TIMEOUT, typedOrValue } from './fuzz-helpers.js';

const v1 = JSON.parse(readFileSync(new URL('../vectors/box/v1.json', import.meta.url), 'utf8'));
const v2 = JSON.parse(readFileSync(new URL('../vectors/box/v2.json', import.meta.url), 'utf8'));
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/session-tools/${name}`, import.meta.url)));

const bearerSeeds: Uint8Array[] = v1.bearer.map((b: { token: string }) => hex(b.token));
const sessionSeeds: Uint8Array[] = [...v1.sessionV1.map((s: { token: string }) => hex(s.token)), fixture('blank.bin')];
const sessionV2Seeds: Uint8Array[] = v2.sessionTokensV2.map((s: { token: string }) => hex(s.token));
const jsonFiles = ['blank.json', 'blank.signed.json', 'container-put.prepared.json', 'container-put.signed.json', 'static-head.prepared.json', 'static-head.signed.json'];
const jsonTexts = jsonFiles.map((f) => Buffer.from(fixture(f)).toString('utf8'));

reportCounts('fuzz-tokens');

/**
 * Decoded values re-encode canonically: encoding what the re-encoded bytes decode to gives the
 * same bytes. (Values are not compared: an explicitly empty field, e.g. `sessionKey` of 0 bytes,
 * decodes as present-but-empty and is omitted on encoding, as proto3 and Go's stable marshaling do.)
 */
function stable<T>(value: T, encode: (t: T) => Uint8Array, decode: (b: Uint8Array) => T): void {
  const bytes = encode(value);
  expect(Buffer.from(encode(decode(bytes))).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
}

describe('fuzz: tokens', () => {
  it('bearer token: mutated bytes decode (and re-encode stably) or give a typed error; verification too', () => {
    fc.assert(
      fc.property(mutatedBytes(bearerSeeds), (data) => {
        const t = typedOrValue('decodeBearerToken', () => decodeBearerToken(data));
        if (t === undefined) return;
        stable(t, encodeBearerToken, decodeBearerToken);
        typedOrValue('verifyBearerToken', () => verifyBearerToken(t));
      }),
      params(300),
    );
  }, TIMEOUT);

  it('session token v1: mutated bytes decode (and re-encode stably) or give a typed error; verification too', () => {
    fc.assert(
      fc.property(mutatedBytes(sessionSeeds), (data) => {
        const t = typedOrValue('decodeSessionToken', () => decodeSessionToken(data));
        if (t === undefined) return;
        stable(t, encodeSessionToken, decodeSessionToken);
        typedOrValue('verifySessionToken', () => verifySessionToken(t));
      }),
      params(300),
    );
  }, TIMEOUT);

  it('session token v2: mutated bytes decode (and re-encode stably) or give a typed error; checks too', () => {
    fc.assert(
      fc.property(mutatedBytes(sessionV2Seeds), (data) => {
        const t = typedOrValue('decodeSessionTokenV2', () => decodeSessionTokenV2(data));
        if (t === undefined) return;
        stable(t, encodeSessionTokenV2, decodeSessionTokenV2);
        typedOrValue('validateSessionTokenV2', () => validateSessionTokenV2(t));
        typedOrValue('verifySessionTokenV2', () => verifySessionTokenV2(t));
      }),
      params(300),
    );
  }, TIMEOUT);
});

describe('fuzz: token files', () => {
  it('binary or JSON file bytes: a token (that writes back to the same token) or a typed error', () => {
    const seeds = [...sessionSeeds, ...jsonTexts.map((t) => new Uint8Array(Buffer.from(t)))];
    fc.assert(
      fc.property(mutatedBytes(seeds), (data) => {
        const d = typedOrValue('decodeSessionTokenAny (bytes)', () => decodeSessionTokenAny(data));
        if (d !== undefined) expect(decodeSessionTokenAny(encodeSessionTokenAs(d.token, d.format)).token).toEqual(d.token);
      }),
      params(300),
    );
  }, TIMEOUT);

  it('protojson text: mutated text or JSON values give a token (stable through encode) or a typed error', () => {
    const alphabet = '{}[]":,0123456789-+.eE abcdefABCDEF=/\\ntrulsxyzIDbodyliftmexpnbfiatsessionKeyobjectcontainerverb\u00e9\u{1F600}';
    const values = jsonTexts.map((t) => JSON.parse(t));
    fc.assert(
      fc.property(fc.oneof(mutatedText(jsonTexts, alphabet), mutatedJson(values).map((v) => JSON.stringify(v) ?? 'null')), (text) => {
        const t = typedOrValue('decodeSessionTokenJson', () => decodeSessionTokenJson(text));
        if (t !== undefined) expect(decodeSessionTokenJson(encodeSessionTokenJson(t))).toEqual(t);
      }),
      params(400),
    );
  }, TIMEOUT);
});
