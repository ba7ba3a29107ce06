/**
 * Bearer tokens (`neo.fs.v2.acl.BearerToken`): an eACL table the issuer (container owner) lets
 * one user apply to requests, for a range of epochs.
 *
 *   BearerToken      { body = 1, signature = 2 }
 *   BearerToken.Body { eacl_table = 1, owner_id = 2, lifetime = 3 {exp, nbf, iat}, issuer = 4 }
 *
 * authmate v0.27–v0.42 put one per gate key into the AccessBox: `owner_id` = the gate's user ID,
 * `issuer` = the wallet's user ID, `nbf = iat` = current epoch, signed ECDSA_RFC6979_SHA256.
 */
import {
  decodeOwnerIdMessage,
  decodeSignature,
  encodeOwnerIdMessage,
  encodeSignature,
  ownerIdFromPublicKey,
  type OwnerId,
} from '../neofs/refs.js';
import { ProtoMessage, ProtoWriter } from '../neofs/proto/wire.js';
import { F_BEARER_TOKEN as F_TOKEN, F_BEARER_TOKEN_BODY as F_BODY } from '../neofs/proto/fields.js';
import { SignatureScheme, signData, type Signature } from '../crypto/signature.js';
import { decodeLifetime, decoding, encodeLifetime, signAsIssuer, verifyIssuerSignature, type TokenLifetime } from './common.js';

export interface BearerTokenBody {
  /**
   * Stable-encoded `neo.fs.v2.acl.EACLTable` (see `encodeEACLTable`). Kept as bytes so that a
   * decoded token re-encodes exactly; present-but-empty still encodes (as Go does).
   */
  eaclTable?: Uint8Array;
  /** The only user allowed to use the token (authmate: the gate's user ID); absent = anyone. */
  ownerId?: OwnerId;
  /** Epochs. */
  lifetime?: TokenLifetime;
  /** Who issued it; must be the container owner and match the signature key. */
  issuer?: OwnerId;
}

export interface BearerToken extends BearerTokenBody {
  signature?: Signature;
}

/** The signed bytes: stable `BearerToken.Body` (fields 1, 2, 3, 4 in order). */
export function encodeBearerTokenBody(body: BearerTokenBody): Uint8Array {
  const w = new ProtoWriter().message(F_BODY.eaclTable, body.eaclTable);
  if (body.ownerId !== undefined) w.message(F_BODY.ownerId, encodeOwnerIdMessage(body.ownerId));
  w.message(F_BODY.lifetime, encodeLifetime(body.lifetime));
  if (body.issuer !== undefined) w.message(F_BODY.issuer, encodeOwnerIdMessage(body.issuer));
  return w.finish();
}

function hasBody(b: BearerTokenBody): boolean {
  return b.eaclTable !== undefined || b.ownerId !== undefined || b.issuer !== undefined || encodeLifetime(b.lifetime) !== undefined;
}

/** Binary form (as stored in AccessBox `Tokens.bearerToken` and sent in request meta headers). */
export function encodeBearerToken(token: BearerToken): Uint8Array {
  const w = new ProtoWriter();
  // The SDK leaves the body out entirely when no field is set.
  if (hasBody(token)) w.message(F_TOKEN.body, encodeBearerTokenBody(token));
  if (token.signature !== undefined) w.message(F_TOKEN.signature, encodeSignature(token.signature));
  return w.finish();
}

export function decodeBearerToken(buf: Uint8Array): BearerToken {
  return decoding('bearer token', () => {
    const m = new ProtoMessage(buf);
    const token: BearerToken = {};
    const body = m.bytes(F_TOKEN.body);
    if (body !== undefined) {
      const b = new ProtoMessage(body);
      const table = b.bytes(F_BODY.eaclTable);
      if (table !== undefined) token.eaclTable = table.slice();
      const owner = b.bytes(F_BODY.ownerId);
      if (owner !== undefined) token.ownerId = decodeOwnerIdMessage(owner);
      const lt = b.bytes(F_BODY.lifetime);
      if (lt !== undefined) token.lifetime = decodeLifetime(lt);
      const issuer = b.bytes(F_BODY.issuer);
      if (issuer !== undefined) token.issuer = decodeOwnerIdMessage(issuer);
    }
    const sig = m.bytes(F_TOKEN.signature);
    if (sig !== undefined) token.signature = decodeSignature(sig);
    return token;
  });
}

/**
 * Signs the body with the user's key: sets `issuer` to the key's user ID first (as the SDK's
 * `Token.Sign` does), then signs the stable body. ECDSA_RFC6979_SHA256 by default, like authmate.
 */
export function signBearerToken(
  body: BearerTokenBody,
  userPrivateKey: Uint8Array,
  scheme: SignatureScheme = SignatureScheme.ECDSA_RFC6979_SHA256,
  options: { setIssuer?: boolean } = {},
): BearerToken {
  if (options.setIssuer === false) {
    // SDKs before rc.12 (neofs-s3-gw <= v0.30.0) do not know `issuer` and drop it when they
    // re-encode the token, which breaks a signature made over it; they take the user from the key.
    const { issuer: _none, ...rest } = body;
    return { ...rest, signature: signData(userPrivateKey, encodeBearerTokenBody(rest), scheme) };
  }
  return signAsIssuer(body, 'issuer', encodeBearerTokenBody, userPrivateKey, scheme);
}

/**
 * Checks what a node checks before using a token: signed, the signature verifies over the stable
 * body, and the signing key belongs to the issuer. Throws a `TokenFormatError` naming the problem.
 */
export function verifyBearerToken(token: BearerToken): void {
  // Tokens of SDKs before rc.12 have no issuer field: the user is the signing key's.
  verifyIssuerSignature('bearer token', token.signature, token.issuer, () => encodeBearerTokenBody(token), 'issuer', true);
}

export interface GateBearerTokenOptions {
  /** Stable-encoded eACL table, the same for every gate. */
  eaclTable: Uint8Array;
  /** The gate's public key (33-byte compressed); its user ID becomes the token's `owner_id`. */
  gatePublicKey: Uint8Array;
  /** Epochs: `nbf` is set equal to `iat`, as authmate does. */
  iat: bigint | number;
  exp: bigint | number;
  userPrivateKey: Uint8Array;
  /**
   * Write the `issuer` field (default true, as authmate v0.30.1+). False for G1 boxes: gateways
   * up to v0.30.0 drop the field on re-encoding and the signature would no longer verify.
   */
  withIssuer?: boolean;
}

/** One bearer token for one gate key, exactly as authmate v0.42 builds it (v0.23 with `withIssuer: false`). */
export function issueGateBearerToken(o: GateBearerTokenOptions): BearerToken {
  return signBearerToken(
    { eaclTable: o.eaclTable, ownerId: ownerIdFromPublicKey(o.gatePublicKey), lifetime: { exp: o.exp, nbf: o.iat, iat: o.iat } },
    o.userPrivateKey,
    SignatureScheme.ECDSA_RFC6979_SHA256,
    { setIssuer: o.withIssuer !== false },
  );
}
