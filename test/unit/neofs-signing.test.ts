// Verification header chains (forwarded messages), meta header encoding.
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { SignatureScheme } from '../../src/crypto/signature.js';
import { encodeSignature } from '../../src/neofs/refs.js';
import { ProtoWriter } from '../../src/neofs/proto/wire.js';
import { API_VERSION, encodeVersion } from '../../src/neofs/refs.js';
import {
  encodeRequestMeta,
  encodeResponseMeta,
  keySigner,
  signRequest,
  verifyRequestHeaders,
  verifyResponseHeaders,
} from '../../src/neofs/signing.js';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const a = keySigner(sha256(new TextEncoder().encode('node a')), SignatureScheme.ECDSA_SHA512);
const b = keySigner(sha256(new TextEncoder().encode('node b')));

const body = new ProtoWriter().bytes(1, new TextEncoder().encode('body')).finish();
const m0 = encodeResponseMeta({ epoch: 5, ttl: 1 });
const v0 = signRequest(a, body, m0);

/** What a forwarding hop does: wrap meta and verification header, sign without the body. */
function wrap(metaOriginField: number, innerMeta: Uint8Array, innerVh: Uint8Array, opts: { withBody?: boolean; dropMetaOrigin?: boolean } = {}) {
  const meta = new ProtoWriter().message(1, encodeVersion(API_VERSION)).uint64(2, 5);
  if (!opts.dropMetaOrigin) meta.message(metaOriginField, innerMeta);
  const m1 = meta.finish();
  const vh = new ProtoWriter()
    .message(1, opts.withBody ? encodeSignature(b.sign(body)) : undefined)
    .message(2, encodeSignature(b.sign(m1)))
    .message(3, encodeSignature(b.sign(innerVh)))
    .message(4, innerVh)
    .finish();
  return { m1, vh };
}

describe('verification header chains', () => {
  it('accepts a response forwarded once (body signed only at the bottom)', () => {
    expect(() => verifyResponseHeaders(body, m0, v0)).not.toThrow();
    const { m1, vh } = wrap(5, m0, v0);
    expect(() => verifyResponseHeaders(body, m1, vh)).not.toThrow();
  });

  it('accepts a request forwarded once (meta origin is field 7 for requests)', () => {
    const rm0 = encodeRequestMeta({ ttl: 2 });
    const rv0 = signRequest(a, body, rm0);
    const { m1, vh } = wrap(7, rm0, rv0);
    expect(() => verifyRequestHeaders(body, m1, vh)).not.toThrow();
    expect(() => verifyResponseHeaders(body, m1, vh)).toThrow(/more origins than its meta header/);
  });

  it('rejects a body signature above the origin, unbalanced origins and a changed inner body', () => {
    const withBody = wrap(5, m0, v0, { withBody: true });
    expect(() => verifyResponseHeaders(body, withBody.m1, withBody.vh)).toThrow(/body signature at depth 0 above the origin/);
    const noMetaOrigin = wrap(5, m0, v0, { dropMetaOrigin: true });
    expect(() => verifyResponseHeaders(body, noMetaOrigin.m1, noMetaOrigin.vh)).toThrow(/more origins than its meta header/);
    const { m1, vh } = wrap(5, m0, v0);
    expect(() => verifyResponseHeaders(new Uint8Array([1]), m1, vh)).toThrow(/response body signature \(depth 1\): ECDSA_SHA512 signature does not verify/);
    const m1Extra = new ProtoWriter().message(1, encodeVersion(API_VERSION)).uint64(2, 5).message(5, m0).finish();
    expect(() => verifyResponseHeaders(body, m1Extra, v0)).toThrow(/response meta header signature \(depth 0\): ECDSA_SHA512 signature does not verify/);
  });
});

describe('request meta header', () => {
  it('writes fields in ascending order with the tokens as given, omitting zeros', () => {
    const meta = encodeRequestMeta({
      epoch: 0,
      ttl: 1,
      xHeaders: [{ key: 'k', value: 'v' }],
      sessionToken: Uint8Array.of(0xaa),
      bearerToken: Uint8Array.of(0xbb),
      magicNumber: 15405,
      sessionTokenV2: Uint8Array.of(0xcc),
    });
    expect(toHex(meta)).toBe('0a0408021015' + '1801' + '2206' + '0a016b120176' + '2a01aa' + '3201bb' + '40ad78' + '4a01cc');
    expect(toHex(encodeRequestMeta())).toBe('0a04080210151802');
  });
});
