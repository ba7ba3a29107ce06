/**
 * Bearer token files and tools as neofs-cli v0.54.0 has them: `bearer create` (an unsigned token
 * from an eACL JSON table, an owner and epochs) and `util sign bearer-token` (sign with a wallet
 * key). Files are the stable binary `BearerToken` or its protojson, which the SDK writes with
 * every field present: unset messages `null`, uint64 as decimal strings, bytes in base64.
 * Readers try binary first, then JSON, as neofs-cli's `ReadBinaryOrJSON`.
 */
import { publicKeyFromPrivate, bytesToHex } from '../crypto/keys.js';
import { SignatureScheme, signData } from '../crypto/signature.js';
import { AuthmateError } from '../errors.js';
import { checkOwnerId, ownerIdFromPublicKey, ownerIdToString, containerIdToString, type OwnerId } from '../neofs/refs.js';
import { decodeEACLTable, eaclTableFromJSON, eaclTableToJSON, encodeEACLTable, type EACLTable } from '../policy/eacl.js';
import { decodeBearerToken, encodeBearerToken, encodeBearerTokenBody, type BearerToken } from '../tokens/bearer.js';
import { TokenFormatError } from '../tokens/common.js';
import { FILE_LIMITS, FileInputError, readBoundedFile, writeFileAtomic } from '../util/files.js';
import { readMessage, type FieldName, type JsonValue } from '../util/protojson.js';
import { looksLikeJson } from './file.js';
import { SCHEME_NAMES, decodeTokenJson, fields, readIdMessage, readLifetime, readSignature } from './json.js';
import { enumName } from '../util/protojson.js';

export type BearerTokenFormat = 'binary' | 'json';

/**
 * A bearer token file that cannot be read, whose bytes are neither form of a token
 * (`BEARER_TOKEN_READ`), or that cannot be written (`BEARER_TOKEN_WRITE`).
 */
export class BearerTokenFileError extends AuthmateError {
  constructor(
    readonly path: string,
    op: 'read' | 'write',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(op === 'read' ? 'BEARER_TOKEN_READ' : 'BEARER_TOKEN_WRITE', message, { field: 'bearerToken', ...options });
  }
}

/** Epochs that cannot make a token: unparsable, expiration before not-valid-before, none at all. */
export class BearerLifetimeError extends AuthmateError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('BEARER_LIFETIME', message, { field: 'lifetime', ...options });
  }
}

// ---------------------------------------------------------------------------------------------
// JSON

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const idValue = (v: Uint8Array | undefined): { value: string } | null => (v === undefined ? null : { value: b64(v) });

/** The token as the SDK's `MarshalJSON` builds it (key order as Go's). */
export function bearerTokenToJsonObject(t: BearerToken): Record<string, unknown> {
  const lt = t.lifetime;
  const sig = t.signature;
  return {
    body: {
      eaclTable: t.eaclTable === undefined ? null : eaclTableToJSON(decodeEACLTable(t.eaclTable)),
      ownerID: idValue(t.ownerId),
      lifetime: lt === undefined ? null : { exp: String(BigInt(lt.exp)), nbf: String(BigInt(lt.nbf)), iat: String(BigInt(lt.iat)) },
      issuer: idValue(t.issuer),
    },
    signature: sig === undefined ? null : { key: b64(sig.key), signature: b64(sig.sign), scheme: enumName(SCHEME_NAMES, sig.scheme) },
  };
}

/** Compact protojson (neofs-cli's files); `indent` 2 is what it prints on stdout. */
export function encodeBearerTokenJson(t: BearerToken, indent?: number): string {
  return JSON.stringify(bearerTokenToJsonObject(t), null, indent);
}

const F = (json: string, proto = json): FieldName => ({ json, proto });
const TOKEN_FIELDS = [F('body'), F('signature')] as const;
const BODY_FIELDS = [F('eaclTable', 'eacl_table'), F('ownerID', 'owner_id'), F('lifetime'), F('issuer')] as const;

/** Reads parsed protojson as a bearer token; errors are `JsonFieldError`s naming the JSON path. */
export function bearerTokenFromJsonValue(value: JsonValue): BearerToken {
  const top = readMessage(value, '', fields(TOKEN_FIELDS));
  const t: BearerToken = {};
  if (top.body !== undefined) {
    const b = readMessage(top.body, 'body', fields(BODY_FIELDS));
    if (b.eaclTable !== undefined) t.eaclTable = encodeEACLTable(eaclTableFromJSON(b.eaclTable, 'body.eaclTable'));
    if (b.ownerID !== undefined) t.ownerId = readIdMessage(b.ownerID, 'body.ownerID', checkOwnerId);
    if (b.lifetime !== undefined) t.lifetime = readLifetime(b.lifetime, 'body.lifetime');
    if (b.issuer !== undefined) t.issuer = readIdMessage(b.issuer, 'body.issuer', checkOwnerId);
  }
  if (top.signature !== undefined) t.signature = readSignature(top.signature, 'signature');
  return t;
}

export function decodeBearerTokenJson(text: string): BearerToken {
  return decodeTokenJson(text, 'bearer token', bearerTokenFromJsonValue);
}

// ---------------------------------------------------------------------------------------------
// Files

export interface DecodedBearerToken {
  token: BearerToken;
  format: BearerTokenFormat;
}

/** Binary first, then (if it looks like JSON) protojson; the error gives the reason of the likely form. */
export function decodeBearerTokenAny(input: Uint8Array): DecodedBearerToken {
  const bytes = Buffer.isBuffer(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : input;
  let binaryError: unknown;
  try {
    const token = decodeBearerToken(bytes);
    // The eACL inside must decode too, or the JSON output and the node would fail later.
    if (token.eaclTable !== undefined) decodeEACLTable(token.eaclTable);
    return { token, format: 'binary' };
  } catch (err) {
    binaryError = err;
  }
  if (!looksLikeJson(bytes)) {
    throw new TokenFormatError(`not a bearer token (neither binary nor JSON): ${(binaryError as Error).message}`, { cause: binaryError });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new TokenFormatError('not a bearer token: JSON-looking file is not valid UTF-8', { cause: err });
  }
  return { token: decodeBearerTokenJson(text), format: 'json' };
}

export function encodeBearerTokenAs(token: BearerToken, format: BearerTokenFormat): Uint8Array {
  return format === 'json' ? new TextEncoder().encode(encodeBearerTokenJson(token)) : encodeBearerToken(token);
}

export async function readBearerTokenFile(path: string): Promise<DecodedBearerToken> {
  let bytes: Uint8Array;
  try {
    // Bounded like every token file (FILE_LIMITS): a wrong path such as /dev/zero must not eat memory.
    bytes = new Uint8Array(await readBoundedFile(path, { maxBytes: FILE_LIMITS.sessionTokenFile, what: 'file', allowFifo: true }));
  } catch (err) {
    const code = ((err instanceof FileInputError ? err.cause : err) as NodeJS.ErrnoException | undefined)?.code;
    const why = code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new BearerTokenFileError(path, 'read', `can't read bearer token file ${path}: ${why}`, { cause: err });
  }
  try {
    return decodeBearerTokenAny(bytes);
  } catch (err) {
    throw new BearerTokenFileError(path, 'read', `${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes a token file (0644, as neofs-cli) atomically, as session token files are written. */
export async function writeBearerTokenFile(path: string, token: BearerToken, format: BearerTokenFormat): Promise<Uint8Array> {
  const bytes = encodeBearerTokenAs(token, format);
  try {
    await writeFileAtomic(path, bytes, { mode: 0o644 });
  } catch (err) {
    const why = err instanceof FileInputError && err.cause instanceof Error ? err.cause.message : (err as Error).message;
    throw new BearerTokenFileError(path, 'write', `can't write bearer token to ${path}: ${why}`, { cause: err });
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Signing and creating

/**
 * Signs as `neofs-cli util sign bearer-token`: an unset issuer becomes the signer's user ID; a set
 * one is kept as it is (neofs-cli does not "corrupt" it, even when it is another user's, which a
 * node then refuses: see `foreignIssuer`). ECDSA RFC 6979 over the stable body; an old signature
 * is replaced.
 */
export function signBearerTokenWithKey(token: BearerToken, privateKey: Uint8Array): { token: BearerToken; foreignIssuer?: OwnerId } {
  const { signature: _old, ...body } = token;
  const signer = ownerIdFromPublicKey(publicKeyFromPrivate(privateKey));
  const withIssuer = { ...body, issuer: body.issuer ?? signer };
  const signed = { ...withIssuer, signature: signData(privateKey, encodeBearerTokenBody(withIssuer), SignatureScheme.ECDSA_RFC6979_SHA256) };
  return bytesToHex(withIssuer.issuer) === bytesToHex(signer) ? { token: signed } : { token: signed, foreignIssuer: withIssuer.issuer };
}

/** One epoch input of `bearer create`: absolute, or `+n` after the current epoch. */
export interface EpochInput {
  value: bigint;
  relative: boolean;
}

/** Parses `n` / `+n` (decimal uint64), as neofs-cli's `ParseEpoch`. */
export function parseEpochInput(text: string, what: string): EpochInput {
  const relative = text.startsWith('+');
  const digits = relative ? text.slice(1) : text;
  if (!/^[0-9]+$/.test(digits) || BigInt(digits) > 0xffff_ffff_ffff_ffffn) {
    throw new BearerLifetimeError(`can't parse epoch for ${what}: ${JSON.stringify(text)} is not a number of epochs (n or +n)`);
  }
  return { value: BigInt(digits), relative };
}

export interface BearerEpochInputs {
  issuedAt?: EpochInput;
  notValidBefore?: EpochInput;
  expireAt?: EpochInput;
  /** Epochs after the current one; wins over `expireAt` (as neofs-cli). */
  lifetime?: bigint;
}

/** Whether resolving `e` needs the network's current epoch (a `+n` input or a lifetime). */
export function needsCurrentEpoch(e: BearerEpochInputs): boolean {
  return Boolean(e.issuedAt?.relative || e.notValidBefore?.relative || e.expireAt?.relative || (e.lifetime !== undefined && e.lifetime !== 0n));
}

/**
 * `{iat, nbf, exp}` as neofs-cli's `bearer create` computes them; absent iat/nbf are 0 there
 * (its flags are required), here they default to the current epoch when it is known.
 */
export function resolveBearerEpochs(e: BearerEpochInputs, currentEpoch?: bigint): { iat: bigint; nbf: bigint; exp: bigint } {
  if (e.expireAt === undefined && (e.lifetime === undefined || e.lifetime === 0n)) {
    throw new BearerLifetimeError('no expiration: give an expiration epoch or a lifetime in epochs');
  }
  if (needsCurrentEpoch(e) && currentEpoch === undefined) throw new BearerLifetimeError('relative epochs and lifetimes need the current epoch');
  const cur = currentEpoch ?? 0n;
  const at = (x: EpochInput | undefined, dflt: bigint): bigint => (x === undefined ? dflt : x.relative ? cur + x.value : x.value);
  const iat = at(e.issuedAt, cur);
  const nbf = at(e.notValidBefore, cur);
  const exp = e.lifetime !== undefined && e.lifetime !== 0n ? cur + e.lifetime : at(e.expireAt, 0n);
  if (exp < nbf) throw new BearerLifetimeError(`expiration epoch is less than not-valid-before epoch: ${exp} < ${nbf}`);
  if (exp > 0xffff_ffff_ffff_ffffn) throw new BearerLifetimeError(`expiration epoch ${exp} is out of uint64 range`);
  return { iat, nbf, exp };
}

export interface CreateBearerTokenOptions {
  /** The rules; absent = no table (neofs-cli without --eacl). */
  eaclTable?: EACLTable;
  /** The only user who may use the token; absent = anyone who holds it. */
  ownerId?: OwnerId;
  lifetime: { iat: bigint | number; nbf: bigint | number; exp: bigint | number };
}

/** An unsigned bearer token, as `neofs-cli bearer create` writes it. */
export function createBearerToken(o: CreateBearerTokenOptions): BearerToken {
  const t: BearerToken = { lifetime: { iat: BigInt(o.lifetime.iat), nbf: BigInt(o.lifetime.nbf), exp: BigInt(o.lifetime.exp) } };
  if (o.eaclTable !== undefined) t.eaclTable = encodeEACLTable(o.eaclTable);
  if (o.ownerId !== undefined) t.ownerId = o.ownerId;
  return t;
}

/** A short summary for the CLI's result line. */
export function describeBearerToken(t: BearerToken): Record<string, unknown> {
  const table = t.eaclTable === undefined ? undefined : decodeEACLTable(t.eaclTable);
  return {
    owner: t.ownerId === undefined ? null : ownerIdToString(t.ownerId),
    issuer: t.issuer === undefined ? null : ownerIdToString(t.issuer),
    lifetime: t.lifetime === undefined ? null : { iat: String(t.lifetime.iat), nbf: String(t.lifetime.nbf), exp: String(t.lifetime.exp) },
    eacl: table === undefined ? null : { container_id: table.containerId ? containerIdToString(table.containerId) : null, records: table.records.length },
    signed: t.signature !== undefined,
  };
}
