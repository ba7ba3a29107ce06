/**
 * Tokens and policies as JSON-friendly objects, the way NeoFS tools print them: user IDs as N3
 * addresses (base58), container and object IDs in base58, keys in hex, integers that are uint64
 * on the wire as decimal strings, verbs by name. Every signature is verified and the result
 * reported (`valid`, `error`): a bad signature is a finding, not an exception.
 */
import { bytesToHex } from '../crypto/keys.js';
import { schemeName, type Signature } from '../crypto/signature.js';
import { containerIdToString, objectIdToString, ownerIdToString, uuidToString, type OwnerId } from '../neofs/refs.js';
import { decodeEACLTable, eaclTableToJSON } from '../policy/eacl.js';
import { decodePlacementPolicy } from '../policy/placement.js';
import { formatPlacementPolicy } from '../policy/placement-ql.js';
import type { ContainerPolicy } from '../box/accessbox.js';
import { verifyBearerToken, type BearerToken } from '../tokens/bearer.js';
import { ContainerSessionVerb, ObjectSessionVerb, verifySessionToken, type SessionToken } from '../tokens/session-v1.js';
import { SessionVerb, validateSessionTokenV2, verifySessionTokenV2, type SessionTokenV2 } from '../tokens/session-v2.js';

export interface SignatureReport {
  /** Hex of the signing public key. */
  key: string;
  scheme: string;
  /** Whether the signature verifies over the token body and belongs to the issuer. */
  valid: boolean;
  error?: string;
}

export interface EpochLifetimeReport {
  iat: string;
  nbf: string;
  exp: string;
}

export interface UnixLifetimeReport extends EpochLifetimeReport {
  /** ISO 8601 forms of the Unix seconds. */
  iatTime: string | null;
  nbfTime: string | null;
  expTime: string | null;
}

const owner = (id: OwnerId | undefined): string | null => (id === undefined ? null : ownerIdToString(id));

function signatureReport(sig: Signature | undefined, verify: () => void): SignatureReport | null {
  if (sig === undefined) return null;
  const r: SignatureReport = { key: bytesToHex(sig.key), scheme: schemeName(sig.scheme), valid: true };
  try {
    verify();
  } catch (err) {
    r.valid = false;
    r.error = (err as Error).message;
  }
  return r;
}

function epochs(lt: { iat: bigint | number; nbf: bigint | number; exp: bigint | number } | undefined): EpochLifetimeReport | null {
  return lt === undefined ? null : { iat: String(lt.iat), nbf: String(lt.nbf), exp: String(lt.exp) };
}

/** Unix seconds as ISO 8601, or null when out of the Date range. */
export function unixTime(seconds: bigint | number): string | null {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

export function describeBearerToken(t: BearerToken): Record<string, unknown> {
  let eacl: unknown = null;
  if (t.eaclTable !== undefined) {
    try {
      eacl = eaclTableToJSON(decodeEACLTable(t.eaclTable));
    } catch (err) {
      eacl = { undecodable: (err as Error).message, hex: bytesToHex(t.eaclTable) };
    }
  }
  return {
    type: 'bearer',
    issuer: owner(t.issuer),
    /** The only user allowed to use it (authmate: the gate). */
    user: owner(t.ownerId),
    lifetimeEpochs: epochs(t.lifetime),
    eacl,
    signature: signatureReport(t.signature, () => verifyBearerToken(t)),
  };
}

export function describeSessionToken(t: SessionToken): Record<string, unknown> {
  const c = t.context;
  let context: Record<string, unknown> | null = null;
  if (c?.kind === 'container') {
    context = { kind: 'container', verb: ContainerSessionVerb[c.verb] ?? String(c.verb), container: c.containerId === undefined ? '*' : containerIdToString(c.containerId) };
  } else if (c?.kind === 'object') {
    context = {
      kind: 'object',
      verb: ObjectSessionVerb[c.verb] ?? String(c.verb),
      container: c.containerId === undefined ? null : containerIdToString(c.containerId),
      objects: c.objectIds.map(objectIdToString),
    };
  }
  return {
    type: 'session-v1',
    id: t.id.length === 16 ? uuidToString(t.id) : bytesToHex(t.id),
    issuer: owner(t.ownerId),
    sessionKey: t.sessionKey === undefined ? null : bytesToHex(t.sessionKey),
    lifetimeEpochs: epochs(t.lifetime),
    context,
    signature: signatureReport(t.signature, () => verifySessionToken(t)),
  };
}

export function describeSessionTokenV2(t: SessionTokenV2): Record<string, unknown> {
  let problem: string | null = null;
  try {
    validateSessionTokenV2(t);
  } catch (err) {
    problem = (err as Error).message;
  }
  const lt = t.lifetime;
  return {
    type: 'session-v2',
    version: t.version,
    issuer: owner(t.issuer),
    subjects: t.subjects.map((s) => ('ownerId' in s ? ownerIdToString(s.ownerId) : { nns: s.nnsName })),
    lifetimeUnix:
      lt === undefined
        ? null
        : { ...epochs(lt)!, iatTime: unixTime(BigInt(lt.iat)), nbfTime: unixTime(BigInt(lt.nbf)), expTime: unixTime(BigInt(lt.exp)) },
    contexts: t.contexts.map((c) => ({
      container: c.containerId === undefined ? '*' : containerIdToString(c.containerId),
      verbs: c.verbs.map((v) => SessionVerb[v] ?? String(v)),
    })),
    final: t.final,
    appdataBytes: t.appdata?.length ?? 0,
    /** The SDK's field checks (what nodes and gateways apply), null when they pass. */
    problem,
    signature: signatureReport(t.signature, () => verifySessionTokenV2(t)),
    ...(t.origin === undefined ? {} : { origin: describeSessionTokenV2(t.origin) }),
  };
}

export function describeContainerPolicy(p: ContainerPolicy): Record<string, unknown> {
  try {
    return { locationConstraint: p.locationConstraint, policy: formatPlacementPolicy(decodePlacementPolicy(p.policy)).replace(/\n/g, ' ') };
  } catch (err) {
    return { locationConstraint: p.locationConstraint, undecodable: (err as Error).message, hex: bytesToHex(p.policy) };
  }
}

/** A duration in seconds as `1d 2h 3m` (coarse: for humans). */
export function humanSeconds(total: bigint): string {
  if (total <= 0n) return '0s';
  const d = total / 86400n;
  const h = (total % 86400n) / 3600n;
  const m = (total % 3600n) / 60n;
  const s = total % 60n;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', !d && !h && s ? `${s}s` : ''].filter(Boolean);
  return parts.join(' ') || '0s';
}
