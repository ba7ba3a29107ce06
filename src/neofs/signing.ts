/**
 * The NeoFS request/response envelope (`body`=1, `meta_header`=2, `verify_header`=3): meta
 * header encoding, request signing and response verification (protocol.md §2.3, §2.6).
 *
 * A request is signed by its original sender: body, meta header and the (absent, hence empty)
 * origin verification header are each signed over their stable encoding. Responses are verified
 * over the bytes received: a node signs its stable encoding and sends that same encoding.
 */
import { type Signature, SignatureScheme, checkSignature, signData } from '../crypto/signature.js';
import { API_VERSION, type Version, decodeSignature, decodeVersion, encodeSignature, encodeVersion } from './refs.js';
import { ProtoMessage, ProtoWriter, type Uint64 } from './proto/wire.js';
import {
  F_ENVELOPE,
  F_REQUEST_META,
  F_RESPONSE_META,
  F_STATUS,
  F_STATUS_DETAIL,
  F_VERIFY_HEADER,
  F_XHEADER,
} from './proto/fields.js';
import { ResponseVerificationError, type Status, decodeStatus } from './status.js';
import { publicKeyFromPrivate } from '../crypto/keys.js';

/** Whoever signs requests (and objects, tokens): a key plus its scheme. */
export interface Signer {
  /** 33-byte compressed public key. */
  readonly publicKey: Uint8Array;
  readonly scheme: SignatureScheme;
  sign(data: Uint8Array): Signature;
}

/**
 * A signer over a raw P-256 private key. RFC 6979 by default: deterministic, what the Go SDK's
 * `NewAutoIDSignerRFC6979` (used by authmate) produces, and mandatory for container signatures.
 */
export function keySigner(privateKey: Uint8Array, scheme: SignatureScheme = SignatureScheme.ECDSA_RFC6979_SHA256): Signer {
  const publicKey = publicKeyFromPrivate(privateKey);
  const key = Uint8Array.from(privateKey);
  return { publicKey, scheme, sign: (data) => signData(key, data, scheme) };
}

export interface XHeader {
  key: string;
  value: string;
}

/**
 * Extra fields of a request meta header. Tokens are passed already encoded (stable bytes of
 * `session.SessionToken`, `acl.BearerToken`, `session.SessionTokenV2`) so any token encoder plugs in.
 */
export interface RequestMetaExtras {
  xHeaders?: readonly XHeader[];
  sessionToken?: Uint8Array;
  bearerToken?: Uint8Array;
  sessionTokenV2?: Uint8Array;
}

export interface RequestMeta extends RequestMetaExtras {
  /** Defaults to API 2.21 (nodes v0.52+ sign responses only below 2.22). */
  version?: Version;
  epoch?: Uint64;
  /** 2 lets the node forward the request; 1 keeps it local. Defaults to 2. */
  ttl?: number;
  magicNumber?: Uint64;
}

function encodeXHeader(h: XHeader): Uint8Array {
  return new ProtoWriter().string(F_XHEADER.key, h.key).string(F_XHEADER.value, h.value).finish();
}

/** Stable `session.RequestMetaHeader` (fields 1..9 in ascending order; `origin`=7 never set). */
export function encodeRequestMeta(meta: RequestMeta = {}): Uint8Array {
  return new ProtoWriter()
    .message(F_REQUEST_META.version, encodeVersion(meta.version ?? API_VERSION))
    .uint64(F_REQUEST_META.epoch, meta.epoch)
    .uint32(F_REQUEST_META.ttl, meta.ttl ?? 2)
    .repeatedMessages(F_REQUEST_META.xHeaders, meta.xHeaders?.map(encodeXHeader))
    .message(F_REQUEST_META.sessionToken, meta.sessionToken)
    .message(F_REQUEST_META.bearerToken, meta.bearerToken)
    .uint64(F_REQUEST_META.magicNumber, meta.magicNumber)
    .message(F_REQUEST_META.sessionTokenV2, meta.sessionTokenV2)
    .finish();
}

/**
 * Signs a request as its original sender and returns the stable `RequestVerificationHeader`.
 * `body` undefined means "no body field" (the body signature then covers zero bytes).
 */
export function signRequest(signer: Signer, body: Uint8Array | undefined, meta: Uint8Array): Uint8Array {
  const bodySig = signer.sign(body ?? new Uint8Array());
  const metaSig = signer.sign(meta);
  const originSig = signer.sign(new Uint8Array()); // there is no origin header: sign empty bytes
  return new ProtoWriter()
    .message(F_VERIFY_HEADER.bodySignature, encodeSignature(bodySig))
    .message(F_VERIFY_HEADER.metaSignature, encodeSignature(metaSig))
    .message(F_VERIFY_HEADER.originSignature, encodeSignature(originSig))
    .finish();
}

/** A complete signed request message: `{body, meta_header, verify_header}`. */
export function buildSignedRequest(signer: Signer, body: Uint8Array | undefined, meta: RequestMeta = {}): Uint8Array {
  const metaBytes = encodeRequestMeta(meta);
  return new ProtoWriter()
    .message(F_ENVELOPE.body, body)
    .message(F_ENVELOPE.metaHeader, metaBytes)
    .message(F_ENVELOPE.verifyHeader, signRequest(signer, body, metaBytes))
    .finish();
}

// ---------------------------------------------------------------------------------------------
// Responses

export interface ResponseMeta {
  version?: Version;
  epoch: bigint;
  ttl: number;
  xHeaders: XHeader[];
  /** Absent means OK. */
  status?: Status;
}

export interface DecodedResponse {
  /** Raw `body` bytes (undefined if the field is absent). */
  body: Uint8Array | undefined;
  meta: ResponseMeta;
  /** Whether a verification header was present and verified. */
  verified: boolean;
}

function decodeResponseMeta(buf: Uint8Array | undefined): ResponseMeta {
  if (buf === undefined) return { epoch: 0n, ttl: 0, xHeaders: [] };
  const m = new ProtoMessage(buf);
  const v = m.bytes(F_RESPONSE_META.version);
  const st = m.bytes(F_RESPONSE_META.status);
  return {
    ...(v !== undefined ? { version: decodeVersion(v) } : {}),
    epoch: m.bigint(F_RESPONSE_META.epoch) ?? 0n,
    ttl: m.number(F_RESPONSE_META.ttl) ?? 0,
    xHeaders: m.repeatedBytes(F_RESPONSE_META.xHeaders).map((x) => {
      const xm = new ProtoMessage(x);
      return { key: xm.string(F_XHEADER.key) ?? '', value: xm.string(F_XHEADER.value) ?? '' };
    }),
    ...(st !== undefined ? { status: decodeStatus(st) } : {}),
  };
}

function sigAt(vh: ProtoMessage, field: number): Signature | undefined {
  const b = vh.bytes(field);
  return b === undefined ? undefined : decodeSignature(b);
}

/**
 * Checks a verification header chain: at every depth the meta signature over that depth's meta
 * header and the origin signature over the next verification header (empty bytes at the
 * bottom); the body signature only at the deepest level, where the original sender signed.
 * `metaOriginField` is `origin` of the request (7) or response (5) meta header.
 */
function verifyChain(
  kind: 'request' | 'response',
  metaOriginField: number,
  body: Uint8Array | undefined,
  meta: Uint8Array | undefined,
  verifyHeader: Uint8Array,
): void {
  let vhBytes: Uint8Array = verifyHeader;
  let metaBytes: Uint8Array | undefined = meta;
  for (let depth = 0; ; depth++) {
    const vh = new ProtoMessage(vhBytes);
    const origin = vh.bytes(F_VERIFY_HEADER.origin);
    const check = (field: number, data: Uint8Array, what: string) => {
      const sig = sigAt(vh, field);
      if (sig === undefined) throw new ResponseVerificationError(`${kind} ${what} signature is missing (depth ${depth})`);
      try {
        checkSignature(sig, data, `${kind} ${what} signature (depth ${depth})`);
      } catch (e) {
        throw new ResponseVerificationError((e as Error).message);
      }
    };
    check(F_VERIFY_HEADER.metaSignature, metaBytes ?? new Uint8Array(), 'meta header');
    check(F_VERIFY_HEADER.originSignature, origin ?? new Uint8Array(), 'origin verification header');
    const metaOrigin: Uint8Array | undefined = metaBytes === undefined ? undefined : new ProtoMessage(metaBytes).bytes(metaOriginField);
    if (origin === undefined) {
      if (metaOrigin !== undefined) throw new ResponseVerificationError(`${kind} meta header has more origins than its verification header`);
      check(F_VERIFY_HEADER.bodySignature, body ?? new Uint8Array(), 'body');
      return;
    }
    if (vh.bytes(F_VERIFY_HEADER.bodySignature) !== undefined) throw new ResponseVerificationError(`${kind} body signature at depth ${depth} above the origin`);
    if (metaOrigin === undefined) throw new ResponseVerificationError(`${kind} verification header has more origins than its meta header`);
    vhBytes = origin;
    metaBytes = metaOrigin;
  }
}

/** Verifies a response's verification header chain; throws `ResponseVerificationError`. */
export function verifyResponseHeaders(body: Uint8Array | undefined, meta: Uint8Array | undefined, verifyHeader: Uint8Array): void {
  verifyChain('response', F_RESPONSE_META.origin, body, meta, verifyHeader);
}

/** Verifies a request's verification header chain as a node does (used by test servers). */
export function verifyRequestHeaders(body: Uint8Array | undefined, meta: Uint8Array | undefined, verifyHeader: Uint8Array): void {
  verifyChain('request', F_REQUEST_META.origin, body, meta, verifyHeader);
}

/**
 * Splits a response into body and meta header. With `requireSignature`, a missing or invalid
 * verification header is an error; otherwise an absent one is accepted (GET/HEAD responses are
 * unsigned for API ≥ 2.18 and are checked by object ID and payload hash instead).
 */
export function decodeResponse(raw: Uint8Array, requireSignature: boolean): DecodedResponse {
  let m: ProtoMessage;
  try {
    m = new ProtoMessage(raw);
  } catch (e) {
    throw new ResponseVerificationError(`malformed response: ${(e as Error).message}`);
  }
  const body = m.bytes(F_ENVELOPE.body);
  const meta = m.bytes(F_ENVELOPE.metaHeader);
  const vh = m.bytes(F_ENVELOPE.verifyHeader);
  if (vh === undefined) {
    if (requireSignature) throw new ResponseVerificationError('response is not signed (no verification header)');
  } else {
    verifyResponseHeaders(body, meta, vh);
  }
  return { body, meta: decodeResponseMeta(meta), verified: vh !== undefined };
}

/** Signs a response as a node would (test servers use it; RFC 6979 keeps tests deterministic). */
export function signResponse(signer: Signer, body: Uint8Array | undefined, meta: Uint8Array): Uint8Array {
  return new ProtoWriter()
    .message(F_ENVELOPE.body, body)
    .message(F_ENVELOPE.metaHeader, meta)
    .message(F_ENVELOPE.verifyHeader, signRequest(signer, body, meta))
    .finish();
}

/** Stable `session.ResponseMetaHeader{version, epoch, ttl, status}`. */
export function encodeResponseMeta(meta: { version?: Version; epoch?: Uint64; ttl?: number; status?: Status }): Uint8Array {
  const st = meta.status;
  return new ProtoWriter()
    .message(F_RESPONSE_META.version, encodeVersion(meta.version ?? API_VERSION))
    .uint64(F_RESPONSE_META.epoch, meta.epoch)
    .uint32(F_RESPONSE_META.ttl, meta.ttl)
    .message(
      F_RESPONSE_META.status,
      st &&
        new ProtoWriter()
          .uint32(F_STATUS.code, st.code)
          .string(F_STATUS.message, st.message)
          .repeatedMessages(
            F_STATUS.details,
            st.details.map((d) => new ProtoWriter().uint32(F_STATUS_DETAIL.id, d.id).bytes(F_STATUS_DETAIL.value, d.value).finish()),
          )
          .finish(),
    )
    .finish();
}
