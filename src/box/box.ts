/**
 * Building and opening AccessBoxes of every generation neofs-s3-gw has written since v0.16:
 *
 *   G1 (v0.16–v0.30)  per-gate `Tokens`, XChaCha20-Poly1305, HKDF without salt/info
 *   G2 (v0.31–v0.36)  per-gate `Tokens`, XChaCha20-Poly1305, HKDF salt + info
 *   G3 (v0.37–v0.42)  per-gate `Tokens`, AES-256-GCM, HKDF salt + info
 *   G4 (v0.43+)       box version 1: one session token v2 per ≤ 8 gates; its appdata holds the
 *                     secret G3-sealed for each subject, in subject order (76 bytes each)
 *
 * `openAccessBox` finds the generation by itself: version 1 ⇒ G4; otherwise the gate entry whose
 * key matches is trial-decrypted as G3, G2, then G1 (the AEAD tag makes the answer unambiguous).
 */
import { AuthmateError } from '../errors.js';
import { isValidScalar, randomScalar } from '../crypto/p256-native.js';
import { randomBytes as cryptoRandom } from '@noble/hashes/utils.js';
import { addressFromPublicKey, bytesToHex, parsePublicKey, publicKeyFromPrivate } from '../crypto/keys.js';
import { asOwnerId, ownerIdFromPublicKey, ownerIdToString, type OwnerId } from '../neofs/refs.js';
import { decodeBearerToken, encodeBearerToken, verifyBearerToken, type BearerToken } from '../tokens/bearer.js';
import { decodeSessionToken, encodeSessionToken, verifySessionToken, type SessionToken } from '../tokens/session-v1.js';
import {
  SESSION_V2_LIMITS,
  SESSION_V2_VERSION,
  decodeSessionTokenV2,
  encodeSessionTokenV2,
  sessionTokenV2SubjectIndex,
  signSessionTokenV2,
  validateSessionTokenV2,
  verifySessionTokenV2,
  type SessionContextV2,
  type SessionTokenV2,
} from '../tokens/session-v2.js';
import type { TokenLifetime } from '../tokens/common.js';
import {
  decodeAccessBoxMessage,
  decodeTokensMessage,
  decodeTokensV2Message,
  encodeAccessBoxMessage,
  encodeTokensMessage,
  encodeTokensV2Message,
  type AccessBoxGate,
  type AccessBoxMessage,
  type ContainerPolicy,
} from './accessbox.js';
import {
  GateDecryptError,
  SEALED_SECRET_LENGTH,
  ecdhKey,
  openWithSharedSecret,
  sealForGate,
  type EcdhKey,
  type GateCipher,
  type RandomSource,
} from './crypto.js';

export type AccessBoxFormat = 'g1' | 'g2' | 'g3' | 'g4';

/** `AccessBox.version` of G4 boxes. */
export const ACCESS_BOX_VERSION_SESSION_V2 = 1;

export type AccessBoxErrorCode =
  | 'NOT_A_BOX' // the bytes are not an AccessBox at all
  | 'UNSUPPORTED' // an AccessBox (or G0 blob) this library does not read
  | 'NO_GATE_DATA' // nothing in the box is for this gate key
  | 'TOKEN_INVALID' // a token in the box fails verification (signature, issuer, fields)
  | 'TAMPERED' // the entry for this gate fails authentication
  | 'MALFORMED' // decrypted/decoded, but the content is broken
  | 'INVALID_INPUT'; // bad arguments to buildAccessBox/openAccessBox

export class AccessBoxError extends AuthmateError {
  declare readonly code: AccessBoxErrorCode;

  constructor(code: AccessBoxErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

// ---------------------------------------------------------------------------------------------
// Building

interface BuildCommon {
  /** The 32-byte secret; `secret_access_key` is its lowercase hex. */
  secret: Uint8Array;
  /** 32-byte ephemeral private key (printed as `owner_private_key`); fresh when absent. */
  ephemeralKey?: Uint8Array;
  containerPolicies?: ContainerPolicy[];
  /** Salts and nonces; crypto-random by default (inject only to reproduce vectors). */
  random?: RandomSource;
}

export interface GateTokens {
  /** Gate public key, compressed or uncompressed (stored compressed). */
  publicKey: Uint8Array;
  bearerToken?: BearerToken;
  sessionTokens?: SessionToken[];
}

export interface BuildAccessBoxV1Options extends BuildCommon {
  format: 'g1' | 'g2' | 'g3';
  gates: GateTokens[];
}

export interface SessionTokenV2Spec {
  userPrivateKey: Uint8Array;
  /** Unix seconds. */
  lifetime: TokenLifetime;
  /** Already grouped and sorted (see `buildSessionContextsV2`). */
  contexts: SessionContextV2[];
}

export interface BuildAccessBoxV2Options extends BuildCommon {
  format: 'g4';
  gates: { publicKey: Uint8Array }[];
  sessionTokenV2: SessionTokenV2Spec;
}

export type BuildAccessBoxOptions = BuildAccessBoxV1Options | BuildAccessBoxV2Options;

export interface BuiltAccessBox {
  format: AccessBoxFormat;
  /** The marshalled AccessBox (the box object's payload). */
  box: Uint8Array;
  secretAccessKey: string;
  ephemeralKey: Uint8Array;
  /** G4: the signed tokens, one per Gate entry (≤ 8 gates each). */
  sessionTokensV2: SessionTokenV2[];
}

function invalid(msg: string): never {
  throw new AccessBoxError('INVALID_INPUT', msg);
}

export function buildAccessBox(o: BuildAccessBoxOptions): BuiltAccessBox {
  if (o.secret.length !== 32) invalid(`secret must be 32 bytes, got ${o.secret.length}`);
  if (o.gates.length === 0) invalid('at least one gate public key is required');
  const ephemeralKey = o.ephemeralKey ?? randomScalar();
  if (!isValidScalar(ephemeralKey)) invalid('ephemeral key is not a valid P-256 private key');
  const random = o.random ?? cryptoRandom;
  const gateKeys = o.gates.map((g, i) => {
    try {
      return parsePublicKey(g.publicKey);
    } catch (err) {
      return invalid(`gate public key ${i}: ${(err as Error).message}`);
    }
  });

  const box: AccessBoxMessage = {
    ownerPublicKey: publicKeyFromPrivate(ephemeralKey),
    gates: [],
    containerPolicies: o.containerPolicies ?? [],
    version: 0,
  };
  const sessionTokensV2: SessionTokenV2[] = [];

  if (o.format === 'g4') {
    box.version = ACCESS_BOX_VERSION_SESSION_V2;
    // Unlike authmate v0.43–v0.45 (which fails above 8 keys), each chunk of 8 gets its own token.
    for (let start = 0; start < gateKeys.length; start += SESSION_V2_LIMITS.subjects) {
      const chunk = gateKeys.slice(start, start + SESSION_V2_LIMITS.subjects);
      const appdata = new Uint8Array(chunk.length * SEALED_SECRET_LENGTH);
      chunk.forEach((k, i) => appdata.set(sealForGate('g3', ephemeralKey, k, o.secret, random), i * SEALED_SECRET_LENGTH));
      const token = signSessionTokenV2(
        {
          version: SESSION_V2_VERSION,
          appdata,
          subjects: chunk.map((k) => ({ ownerId: ownerIdFromPublicKey(k) })),
          lifetime: o.sessionTokenV2.lifetime,
          contexts: o.sessionTokenV2.contexts,
          final: false,
        },
        o.sessionTokenV2.userPrivateKey,
      );
      try {
        validateSessionTokenV2(token);
      } catch (err) {
        invalid((err as Error).message);
      }
      sessionTokensV2.push(token);
      box.gates.push({ tokens: encodeTokensV2Message({ sessionTokenV2: encodeSessionTokenV2(token) }) });
    }
  } else {
    const v1 = o as BuildAccessBoxV1Options;
    gateKeys.forEach((k, i) => {
      const g = v1.gates[i]!;
      const plain = encodeTokensMessage({
        accessKey: o.secret,
        ...(g.bearerToken === undefined ? {} : { bearerToken: encodeBearerToken(g.bearerToken) }),
        sessionTokens: (g.sessionTokens ?? []).map(encodeSessionToken),
      });
      box.gates.push({ tokens: sealForGate(o.format as GateCipher, ephemeralKey, k, plain, random), gatePublicKey: k });
    });
  }

  return {
    format: o.format,
    box: encodeAccessBoxMessage(box),
    secretAccessKey: bytesToHex(o.secret),
    ephemeralKey,
    sessionTokensV2,
  };
}

// ---------------------------------------------------------------------------------------------
// Opening

export interface OpenedAccessBox {
  format: AccessBoxFormat;
  secret: Uint8Array;
  /** Lowercase hex of the secret: the AWS secret access key. */
  secretAccessKey: string;
  bearerToken?: BearerToken;
  sessionTokens: SessionToken[];
  sessionTokenV2?: SessionTokenV2;
  containerPolicies: ContainerPolicy[];
  /** The box's ephemeral public key (`ownerPublicKey`). */
  ephemeralPublicKey: Uint8Array;
}

export interface OpenAccessBoxOptions {
  /**
   * Check every token's signature and issuer (the gateway leaves that to the nodes); default
   * true. The AEAD protects G1–G3 tokens only against parties that do not know the gate's
   * public key; for G4 only the secret is sealed, so this is what catches a modified token. In
   * G4 every gate entry's token is verified (not only this gate's) and all must have one issuer.
   * `false` gives the gateway's lenient reading.
   */
  verifyTokens?: boolean;
}

/** G0 (neofs-authmate v0.15): 32-byte X25519 key, then `varint(len) || nonce24 || ct || tag` per gate. */
function looksLikeG0(data: Uint8Array): boolean {
  let off = 32;
  let entries = 0;
  while (off < data.length) {
    let len = 0;
    let shift = 0;
    for (;;) {
      if (off >= data.length || shift > 28) return false;
      const b = data[off++]!;
      len |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (len < 40 || off + len > data.length) return false;
    off += len;
    entries++;
  }
  return entries > 0;
}

function parseBox(data: Uint8Array): AccessBoxMessage {
  let box: AccessBoxMessage;
  try {
    box = decodeAccessBoxMessage(data);
  } catch (err) {
    if (data.length > 32 && looksLikeG0(data)) {
      throw new AccessBoxError(
        'UNSUPPORTED',
        'unsupported AccessBox: this looks like a G0 box of neofs-authmate v0.15 (X25519), which no gateway since v0.16 reads',
      );
    }
    throw new AccessBoxError('NOT_A_BOX', `not an AccessBox: ${(err as Error).message}`, { cause: err });
  }
  if (box.ownerPublicKey.length === 0) throw new AccessBoxError('NOT_A_BOX', 'not an AccessBox: it has no owner (ephemeral) public key');
  try {
    parsePublicKey(box.ownerPublicKey);
  } catch {
    throw new AccessBoxError(
      'NOT_A_BOX',
      `not an AccessBox: its owner public key (${box.ownerPublicKey.length} bytes) is not a P-256 point`,
    );
  }
  return box;
}

function describeGates(gates: AccessBoxGate[]): string {
  const keys = gates.filter((g) => g.gatePublicKey !== undefined).map((g) => bytesToHex(g.gatePublicKey!));
  return keys.length === 0 ? 'the box names no gate keys' : `the box is for gate keys ${keys.join(', ')}`;
}

function malformed(what: string, err: unknown): never {
  throw new AccessBoxError('MALFORMED', `${what}: ${(err as Error).message}`, { cause: err });
}

/** Runs a token check; its failure is a TOKEN_INVALID error naming the token. */
function verified(what: string, check: () => void): void {
  try {
    check();
  } catch (err) {
    throw new AccessBoxError('TOKEN_INVALID', `${what} does not verify: ${(err as Error).message}`, { cause: err });
  }
}

function openV1(box: AccessBoxMessage, gateKey: EcdhKey, o: OpenAccessBoxOptions): OpenedAccessBox {
  const pubHex = bytesToHex(gateKey.publicKey);
  const gate = box.gates.find((g) => g.gatePublicKey !== undefined && bytesToHex(g.gatePublicKey) === pubHex);
  if (gate === undefined) {
    throw new AccessBoxError('NO_GATE_DATA', `no gate data for key ${pubHex} in this AccessBox (${describeGates(box.gates)})`);
  }
  let plain: Uint8Array | undefined;
  let format: GateCipher | undefined;
  const shared = gateKey.sharedWith(box.ownerPublicKey);
  for (const scheme of ['g3', 'g2', 'g1'] as const) {
    try {
      plain = openWithSharedSecret(scheme, shared, gate.tokens);
      format = scheme;
      break;
    } catch (err) {
      if (!(err instanceof GateDecryptError)) throw err;
    }
  }
  if (plain === undefined || format === undefined) {
    throw new AccessBoxError(
      'TAMPERED',
      `the AccessBox entry for gate key ${pubHex} does not decrypt as G3, G2 or G1 (${gate.tokens.length} bytes): ` +
        'the box was modified or damaged',
    );
  }
  let tokens;
  try {
    tokens = decodeTokensMessage(plain);
  } catch (err) {
    malformed('decrypted gate data is not a Tokens message', err);
  }
  if (tokens.accessKey.length === 0) throw new AccessBoxError('MALFORMED', 'decrypted gate data has no access key');
  const out: OpenedAccessBox = {
    format,
    secret: tokens.accessKey.slice(),
    secretAccessKey: bytesToHex(tokens.accessKey),
    sessionTokens: [],
    containerPolicies: box.containerPolicies,
    ephemeralPublicKey: box.ownerPublicKey,
  };
  try {
    if (tokens.bearerToken !== undefined) out.bearerToken = decodeBearerToken(tokens.bearerToken);
    out.sessionTokens = tokens.sessionTokens.map(decodeSessionToken);
  } catch (err) {
    malformed('a token in the AccessBox is invalid', err);
  }
  if (o.verifyTokens !== false) {
    if (out.bearerToken !== undefined) verified('the bearer token in the AccessBox', () => verifyBearerToken(out.bearerToken!));
    out.sessionTokens.forEach((t, i) => verified(`session token ${i} in the AccessBox`, () => verifySessionToken(t)));
  }
  return out;
}

function openV2(box: AccessBoxMessage, gateKey: EcdhKey, o: OpenAccessBoxOptions): OpenedAccessBox {
  const gatePub = gateKey.publicKey;
  const me = ownerIdFromPublicKey(gatePub);
  const verify = o.verifyTokens !== false;
  const seen: string[] = [];
  let issuer: { hex: string; gate: number } | undefined;
  let found: OpenedAccessBox | undefined;
  for (const [gi, gate] of box.gates.entries()) {
    let token: SessionTokenV2;
    try {
      token = decodeSessionTokenV2(decodeTokensV2Message(gate.tokens).sessionTokenV2);
    } catch (err) {
      malformed(`AccessBox gate ${gi} does not hold a session token v2`, err);
    }
    if (token.appdata === undefined || token.appdata.length === 0) {
      throw new AccessBoxError('MALFORMED', `the session token v2 of AccessBox gate ${gi} has empty app data`);
    }
    if (verify) {
      // Every entry, not only ours: a box is one issuer's grant, and a swapped entry means tampering.
      verified(`the session token v2 of AccessBox gate ${gi}`, () => {
        verifySessionTokenV2(token);
        validateSessionTokenV2(token);
      });
      const hex = bytesToHex(token.issuer!);
      if (issuer === undefined) issuer = { hex, gate: gi };
      else if (issuer.hex !== hex) {
        throw new AccessBoxError(
          'TOKEN_INVALID',
          `the session tokens v2 of AccessBox gates ${issuer.gate} and ${gi} have different issuers ` +
            `(${ownerIdToString(hexToOwner(issuer.hex))}, ${ownerIdToString(token.issuer!)}): the box was put together from different boxes`,
        );
      }
    }
    if (found !== undefined) continue;
    const index = sessionTokenV2SubjectIndex(token, me);
    if (index < 0) {
      for (const s of token.subjects) seen.push('ownerId' in s ? ownerIdToString(s.ownerId) : `NNS ${s.nnsName}`);
      continue;
    }
    const start = index * SEALED_SECRET_LENGTH;
    if (start + SEALED_SECRET_LENGTH > token.appdata.length) {
      throw new AccessBoxError(
        'MALFORMED',
        `gate component ${index} not found in the token's app data (${token.appdata.length} bytes)`,
      );
    }
    let secret: Uint8Array;
    try {
      secret = openWithSharedSecret('g3', gateKey.sharedWith(box.ownerPublicKey), token.appdata.subarray(start, start + SEALED_SECRET_LENGTH));
    } catch (err) {
      if (!(err instanceof GateDecryptError)) throw err;
      throw new AccessBoxError(
        'TAMPERED',
        `the secret sealed for gate key ${bytesToHex(gatePub)} in this G4 AccessBox does not decrypt: the box was modified or damaged`,
      );
    }
    found = {
      format: 'g4',
      secret,
      secretAccessKey: bytesToHex(secret),
      sessionTokens: [],
      sessionTokenV2: token,
      containerPolicies: box.containerPolicies,
      ephemeralPublicKey: box.ownerPublicKey,
    };
    if (!verify) return found;
  }
  if (found !== undefined) return found;
  throw new AccessBoxError(
    'NO_GATE_DATA',
    `no gate data for key ${bytesToHex(gatePub)} (account ${addressFromPublicKey(gatePub)}) in this G4 AccessBox ` +
      `(${seen.length === 0 ? 'it has no subjects' : `its subjects are ${seen.join(', ')}`})`,
  );
}

const hexToOwner = (hex: string): OwnerId => asOwnerId(new Uint8Array(Buffer.from(hex, 'hex')));

/** Decrypts the box with a gate's 32-byte private key, detecting the generation. */
export function openAccessBox(data: Uint8Array, gatePrivateKey: Uint8Array, options: OpenAccessBoxOptions = {}): OpenedAccessBox {
  let gate: EcdhKey;
  try {
    gate = ecdhKey(gatePrivateKey);
  } catch (err) {
    return invalid(`gate private key: ${(err as Error).message}`);
  }
  const box = parseBox(data);
  if (box.version === ACCESS_BOX_VERSION_SESSION_V2) return openV2(box, gate, options);
  if (box.version !== 0) {
    throw new AccessBoxError('UNSUPPORTED', `unsupported AccessBox version ${box.version} (known: 0 = G1–G3, 1 = G4)`);
  }
  return openV1(box, gate, options);
}
