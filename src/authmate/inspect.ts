/**
 * `inspectAccessBox`: what an access box holds, for people. Without a key: the generation, the
 * gate keys (G1–G3) or token subjects (G4), container policies, the object's owner, attributes
 * and expiration with time left. With a gate's private key: that gate's tokens decoded, each
 * signature verified and reported (a bad one is a finding, never an exception), and, only when
 * asked, the secret. `inspectFile` does the same offline for a box file or a token file.
 */
import { AuthmateError } from '../errors.js';
import { addressFromPublicKey, bytesToHex, publicKeyFromPrivate } from '../crypto/keys.js';
import { openAccessBox, AccessBoxError } from '../box/box.js';
import { ecdhKey, GateDecryptError, openWithSharedSecret, SEALED_SECRET_LENGTH } from '../box/crypto.js';
import { outlineAccessBox, type AccessBoxOutline } from '../box/inspect.js';
import type { NetworkInfo } from '../neofs/netmap.js';
import type { GotObject } from '../neofs/client.js';
import { containerIdToString, objectIdToString, ownerIdFromPublicKey, ownerIdToString, type Address } from '../neofs/refs.js';
import { decodeSessionTokenAny } from '../session/file.js';
import { decodeBearerToken, encodeBearerToken } from '../tokens/bearer.js';
import { encodeSessionToken } from '../tokens/session-v1.js';
import { decodeSessionTokenV2, encodeSessionTokenV2, sessionTokenV2SubjectIndex } from '../tokens/session-v2.js';
import {
  describeBearerToken,
  describeContainerPolicy,
  describeSessionToken,
  describeSessionTokenV2,
  humanSeconds,
  type SignatureReport,
} from './describe.js';
import { ATTR_EXPIRATION_EPOCH, accessKeyId as formatAccessKeyId } from './issue.js';
import { parseAccessKeyId } from './obtain.js';
import type { AuthmateStore } from './store.js';

export interface InspectBoxOptions {
  /** A gate's 32-byte private key: also decrypt and describe that gate's tokens. */
  gatePrivateKey?: Uint8Array;
  /** Include the secret access key (only with a gate key). */
  showSecret?: boolean;
  /** Wall clock, ms (default Date.now()), for the time left of G4 tokens. */
  now?: number;
}

export interface InspectOptions extends InspectBoxOptions {
  /** Where the box object is read from (any signer may read it). */
  store: AuthmateStore;
  accessKeyId: string;
  timeoutMs?: number;
}

/** A JSON-friendly report: bigints as strings, bytes as hex, IDs in base58. */
export type Report = Record<string, unknown>;

type Tokens = Report[];

function signatures(tokens: Tokens): SignatureReport[] {
  return tokens.map((t) => t.signature as SignatureReport | null).filter((s): s is SignatureReport => s !== null);
}

/** G4: the gate's token (the entry that names its user ID) and the secret sealed for it, without openAccessBox. */
function openG4(outline: Extract<AccessBoxOutline, { version: 1 }>, gateKey: Uint8Array): { tokens: Tokens; secret: Uint8Array; entry: number } {
  const gate = ecdhKey(gateKey);
  const me = ownerIdFromPublicKey(gate.publicKey);
  for (const [entry, g] of outline.gates.entries()) {
    const t = g.sessionTokenV2;
    const index = sessionTokenV2SubjectIndex(t, me);
    if (index < 0) continue;
    const sealed = t.appdata?.subarray(index * SEALED_SECRET_LENGTH, (index + 1) * SEALED_SECRET_LENGTH);
    if (sealed === undefined || sealed.length !== SEALED_SECRET_LENGTH) {
      throw new AccessBoxError('MALFORMED', `the token of gate entry ${entry} has no sealed secret for subject ${index} (${t.appdata?.length ?? 0} bytes of app data)`);
    }
    try {
      return { tokens: [describeSessionTokenV2(t)], secret: openWithSharedSecret('g3', gate.sharedWith(outline.ephemeralPublicKey), sealed), entry };
    } catch (err) {
      if (!(err instanceof GateDecryptError)) throw err;
      throw new AccessBoxError('TAMPERED', `the secret sealed for gate key ${bytesToHex(gate.publicKey)} does not decrypt: the box was modified or damaged`);
    }
  }
  throw new AccessBoxError('NO_GATE_DATA', `no gate data for key ${bytesToHex(gate.publicKey)} (account ${addressFromPublicKey(gate.publicKey)}) in this G4 AccessBox`);
}

function gateReport(payload: Uint8Array, outline: AccessBoxOutline, o: InspectBoxOptions): Report {
  const key = o.gatePrivateKey!;
  const pub = publicKeyFromPrivate(key);
  let format: string;
  let tokens: Tokens;
  let secret: Uint8Array;
  if (outline.version === 1) {
    ({ tokens, secret } = openG4(outline, key));
    format = 'g4';
  } else {
    // Signatures are checked below, one by one, so that a bad one is reported, not thrown.
    const opened = openAccessBox(payload, key, { verifyTokens: false });
    format = opened.format;
    secret = opened.secret;
    tokens = [...(opened.bearerToken ? [describeBearerToken(opened.bearerToken)] : []), ...opened.sessionTokens.map(describeSessionToken)];
  }
  const sigs = signatures(tokens);
  return {
    publicKey: bytesToHex(pub),
    address: addressFromPublicKey(pub),
    format,
    tokens,
    allSignaturesValid: sigs.length === tokens.length && sigs.every((s) => s.valid),
    ...(o.showSecret ? { secretAccessKey: bytesToHex(secret) } : {}),
  };
}

/** The box payload alone (a file, or an object's payload). Throws `NOT_A_BOX` for anything else. */
export function inspectBoxBytes(payload: Uint8Array, o: InspectBoxOptions = {}): Report {
  const outline = outlineAccessBox(payload);
  const box: Report = {
    format: outline.generation,
    version: outline.version,
    ephemeralPublicKey: bytesToHex(outline.ephemeralPublicKey),
  };
  if (outline.version === 0) {
    box.gatePublicKeys = outline.gates.map((g) => bytesToHex(g.gatePublicKey));
  } else {
    // G4 tokens are not encrypted: anyone who reads the box sees them (the subjects are the gates).
    box.sessionTokensV2 = outline.gates.map((g) => describeSessionTokenV2(g.sessionTokenV2));
    box.gateCount = outline.gates.reduce((n, g) => n + g.sessionTokenV2.subjects.length, 0);
  }
  box.containerPolicies = outline.containerPolicies.map(describeContainerPolicy);
  const report: Report = { box };
  if (outline.version === 1) {
    const exps = outline.gates.map((g) => g.sessionTokenV2.lifetime?.exp).filter((e) => e !== undefined).map((e) => BigInt(e!));
    if (exps.length > 0) {
      const exp = exps.reduce((a, b) => (a < b ? a : b));
      const left = exp - BigInt(Math.floor((o.now ?? Date.now()) / 1000));
      report.tokenExpiration = { exp: String(exp), expTime: new Date(Number(exp) * 1000).toISOString(), expired: left < 0n, timeLeft: humanSeconds(left) };
    }
  }
  if (o.gatePrivateKey !== undefined) report.gate = gateReport(payload, outline, o);
  return report;
}

/** The object's expiration epoch and, given the network, how long is left (whole epochs: a lower bound). */
function expirationReport(got: GotObject, net: Pick<NetworkInfo, 'currentEpoch' | 'epochDuration'> | undefined): Report | null {
  const attr = got.header.attributes.find((a) => a.key === ATTR_EXPIRATION_EPOCH)?.value;
  if (attr === undefined || !/^\d+$/.test(attr)) return null;
  const exp = BigInt(attr);
  const r: Report = { epoch: String(exp) };
  if (net !== undefined) {
    // The object lives through epoch `exp`; the part of the current epoch already gone is unknown.
    const epochsLeft = exp - net.currentEpoch;
    r.currentEpoch = String(net.currentEpoch);
    r.epochDurationSeconds = String(net.epochDuration);
    r.expired = epochsLeft < 0n;
    r.epochsLeft = String(epochsLeft < 0n ? 0n : epochsLeft);
    const atLeast = epochsLeft < 0n ? 0n : epochsLeft * net.epochDuration;
    r.timeLeftAtLeastSeconds = String(atLeast);
    r.timeLeft = epochsLeft < 0n ? 'expired' : `at least ${humanSeconds(atLeast)}`;
  }
  return r;
}

/** An access box object: its header (owner, attributes) and its payload as `inspectBoxBytes` reads it. */
export function inspectBoxObject(address: Address, got: GotObject, net: Pick<NetworkInfo, 'currentEpoch' | 'epochDuration'> | undefined, o: InspectBoxOptions = {}): Report {
  const shown = formatAccessKeyId(address.containerId, address.objectId);
  let box: Report;
  try {
    box = inspectBoxBytes(got.payload, o);
  } catch (err) {
    if (err instanceof AccessBoxError && (err.code === 'NOT_A_BOX' || err.code === 'UNSUPPORTED')) {
      throw new AuthmateError(err.code, `object ${shown} is not an access box: ${err.message}`, { field: 'accessKeyId', cause: err });
    }
    throw err;
  }
  return {
    accessKeyId: shown,
    object: {
      containerId: containerIdToString(address.containerId),
      objectId: objectIdToString(address.objectId),
      owner: ownerIdToString(got.header.ownerId),
      creationEpoch: got.header.creationEpoch === undefined ? null : String(got.header.creationEpoch),
      payloadBytes: got.payload.length,
      attributes: Object.fromEntries(got.header.attributes.map((a) => [a.key, a.value])),
    },
    expiration: expirationReport(got, net),
    ...box,
  };
}

/** Reads the box object and the network facts (for the time left), then reports. */
export async function inspectAccessBox(o: InspectOptions): Promise<Report> {
  const address = parseAccessKeyId(o.accessKeyId);
  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };
  const [got, net] = await Promise.all([o.store.objectGet(address, call), o.store.networkInfo(call)]);
  return inspectBoxObject(address, got, net, o);
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** A token decoder that accepts the bytes only if our stable encoding gives them back exactly. */
function exact<T>(bytes: Uint8Array, decode: (b: Uint8Array) => T, encode: (t: T) => Uint8Array): T | undefined {
  try {
    const t = decode(bytes);
    return equal(encode(t), bytes) ? t : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file, offline: an AccessBox (as stored in NeoFS), a bearer token, a session token v1 (binary
 * or protojson, as `session create` / `util sign session-token` write it) or a session token v2.
 * Protobuf decoding is lenient, so a binary token is recognised only when its stable re-encoding
 * equals the file (what Go and we write); anything else is `UNKNOWN_FILE` (field `file`).
 */
export function inspectFile(bytes: Uint8Array, o: InspectBoxOptions = {}): Report {
  const plain = Buffer.isBuffer(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
  let boxError: unknown;
  try {
    return { kind: 'access-box', ...inspectBoxBytes(plain, o) };
  } catch (err) {
    if (!(err instanceof AccessBoxError && err.code === 'NOT_A_BOX')) throw err;
    boxError = err;
  }
  try {
    const v1 = decodeSessionTokenAny(plain);
    if (v1.format === 'json' || equal(encodeSessionToken(v1.token), plain)) {
      return { kind: 'session-token-v1', encoding: v1.format, token: describeSessionToken(v1.token) };
    }
  } catch {
    // not a v1 token: try the others
  }
  const v2 = exact(plain, decodeSessionTokenV2, encodeSessionTokenV2);
  if (v2 !== undefined) return { kind: 'session-token-v2', encoding: 'binary', token: describeSessionTokenV2(v2) };
  const bearer = exact(plain, decodeBearerToken, encodeBearerToken);
  if (bearer !== undefined && bearer.signature !== undefined) return { kind: 'bearer-token', encoding: 'binary', token: describeBearerToken(bearer) };
  throw new AuthmateError(
    'UNKNOWN_FILE',
    `not an AccessBox, bearer token, session token v1 (binary or JSON) or session token v2 (${plain.length} bytes; as a box: ${(boxError as Error).message})`,
    { field: 'file' },
  );
}
