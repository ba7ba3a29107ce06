/**
 * `issueSecret`: the core of AuthMate. Signs tokens for each gate with the user's key, seals
 * them with a fresh 32-byte secret into an AccessBox, stores the box as an object in a NeoFS
 * container, and returns the S3 credentials.
 *
 * Everything that can be checked locally (keys, rules, policies, formats) is checked before the
 * first write to NeoFS, so a bad input leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { bytesToHex, parsePublicKey, publicKeyFromPrivate } from '../crypto/keys.js';
import type { ContainerPolicy } from '../box/accessbox.js';
import { buildAccessBox, type AccessBoxFormat, type BuiltAccessBox, type GateTokens } from '../box/box.js';
import type { NeoFSClient, WaitProgress } from '../neofs/client.js';
import { BASIC_ACL_AUTHMATE, containerId as computeContainerId, newContainer, type Attribute } from '../neofs/container.js';
import {
  containerIdToString,
  objectIdToString,
  ownerIdFromPublicKey,
  type ContainerId,
  type ObjectId,
} from '../neofs/refs.js';
import { ContainerNotFoundError } from '../neofs/status.js';
import { encodeEACLTable, defaultBearerTable, type EACLTable } from '../policy/eacl.js';
import { encodePlacementPolicy, type PlacementPolicy } from '../policy/placement.js';
import { containerVerbV1, defaultSessionRules as defaultRules, isContainerVerb, type SessionRule } from '../policy/session-rules.js';
import { issueGateBearerToken } from '../tokens/bearer.js';
import { issueGateSessionToken } from '../tokens/session-v1.js';
import { buildSessionContextsV2 } from '../tokens/session-v2.js';
import { lifetimeToEpochs, lifetimeToUnixSeconds } from './lifetime.js';

export const DEFAULT_PLACEMENT_POLICY = 'REP 2 IN X CBF 3 SELECT 2 FROM * AS X';
export const DEFAULT_LIFETIME_MS = 720 * 3_600_000;

/** Attribute names of the access-box object (authmate v0.37+). */
export const ATTR_TIMESTAMP = 'Timestamp';
export const ATTR_FILE_PATH = 'FilePath';
export const ATTR_EXPIRATION_EPOCH = '__NEOFS__EXPIRATION_EPOCH';
export const ATTR_NONCE = '__NEOFS__NONCE';

/** Where the box goes: an existing container, or a new one with these settings. */
export type BoxContainer =
  | { existing: ContainerId }
  | { create: { placementPolicy: PlacementPolicy; basicAcl?: number; friendlyName?: string } };

export interface IssueSecretOptions {
  /** Connected client whose signer is the user's key (owner of the container and the box). */
  client: NeoFSClient;
  /** The user's 32-byte private key: signs the tokens. */
  userPrivateKey: Uint8Array;
  /** Gate public keys (hex or bytes, compressed or not). */
  gatePublicKeys: readonly (string | Uint8Array)[];
  container: BoxContainer;
  /** Default 720h. */
  lifetimeMs?: number;
  /** g3 (default): neofs-s3-gw v0.37–v0.44; g4: v0.43+ (session v2); g2, g1: older gateways. */
  format?: AccessBoxFormat;
  /**
   * Bearer token eACL (G1–G3). Absent: authmate's default table. A function receives the box
   * container's ID (for the legacy `%CID` placeholder) before anything is written.
   */
  bearerRules?: EACLTable | ((containerId: ContainerId) => EACLTable);
  /** Session rules; absent: the defaults of the format's gateway generation; [] = none. */
  sessionRules?: readonly SessionRule[] | ((containerId: ContainerId) => readonly SessionRule[]);
  /** LocationConstraint -> stable PlacementPolicy bytes, stored in the box for the gateway. */
  containerPolicies?: readonly ContainerPolicy[];
  /** Per-call deadline and the container wait budget, ms. */
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Progress messages for humans (the CLI prints them on stderr). */
  onProgress?: (message: string) => void;
  /** Clock, for tests. */
  now?: () => number;
}

export interface IssueSecretResult {
  /** `<container id>0<object id>`, base58. */
  accessKeyId: string;
  /** Lowercase hex of the 32-byte secret. */
  secretAccessKey: string;
  /** Hex of the ephemeral private key: it can open the box for every gate, so keep it secret. */
  ownerPrivateKey: string;
  /** Hex of the user's compressed public key. */
  walletPublicKey: string;
  containerId: string;
  objectId: string;
  format: AccessBoxFormat;
  /** Last epoch in which the tokens and the box are valid. */
  expirationEpoch: bigint;
  containerCreated: boolean;
}

/** Input problems found before any network write; `field` names the option. */
export class IssueInputError extends Error {
  override name = 'IssueInputError';
  constructor(
    readonly field: 'gatePublicKeys' | 'bearerRules' | 'sessionRules' | 'container' | 'lifetime' | 'format',
    message: string,
  ) {
    super(message);
  }
}

export function accessKeyId(cid: ContainerId, oid: ObjectId): string {
  return `${containerIdToString(cid)}0${objectIdToString(oid)}`;
}

/** Parses every gate key first, so a bad one is reported by position before any work. */
export function parseGateKeys(keys: readonly (string | Uint8Array)[]): Uint8Array[] {
  if (keys.length === 0) throw new IssueInputError('gatePublicKeys', 'at least one gate public key is required');
  const seen = new Set<string>();
  return keys.map((k, i) => {
    let pub: Uint8Array;
    try {
      pub = parsePublicKey(k);
    } catch (err) {
      const shown = typeof k === 'string' ? k : bytesToHex(k);
      throw new IssueInputError('gatePublicKeys', `gate public key #${i + 1} (${shown}): ${(err as Error).message}`);
    }
    const hex = bytesToHex(pub);
    if (seen.has(hex)) throw new IssueInputError('gatePublicKeys', `gate public key #${i + 1} (${hex}) is given twice`);
    seen.add(hex);
    return pub;
  });
}

interface PlannedTokens {
  v1Gates?: GateTokens[];
  v2Contexts?: ReturnType<typeof buildSessionContextsV2>;
}

function planTokens(
  o: IssueSecretOptions,
  format: AccessBoxFormat,
  gates: Uint8Array[],
  cid: ContainerId,
  epochs: { iat: bigint; exp: bigint },
): PlannedTokens {
  const rules = typeof o.sessionRules === 'function' ? o.sessionRules(cid) : o.sessionRules;
  if (format === 'g4') {
    if (o.bearerRules !== undefined) {
      throw new IssueInputError('bearerRules', 'bearer rules are not used by g4 boxes (neofs-s3-gw v0.43+ takes session tokens v2 only); use --session-tokens');
    }
    const effective = rules ?? defaultRules('v0.45');
    if (effective.length === 0) {
      throw new IssueInputError('sessionRules', 'a g4 box needs at least one session rule: without one the gateway could do nothing with these credentials');
    }
    return { v2Contexts: buildSessionContextsV2(effective.map((r) => (r.containerId ? { verb: r.verb, containerId: r.containerId as ContainerId } : { verb: r.verb }))) };
  }
  const table = typeof o.bearerRules === 'function' ? o.bearerRules(cid) : (o.bearerRules ?? defaultBearerTable());
  const eacl = encodeEACLTable(table);
  const effective = rules ?? defaultRules('v0.42');
  const objectRule = effective.find((r) => !isContainerVerb(r.verb));
  if (objectRule) {
    throw new IssueInputError('sessionRules', `object verbs in session rules need a g4 box (session token v2); ${format} boxes carry container session tokens only`);
  }
  const v1Gates = gates.map((gate) => ({
    publicKey: gate,
    bearerToken: issueGateBearerToken({
      eaclTable: eacl,
      gatePublicKey: gate,
      iat: epochs.iat,
      exp: epochs.exp,
      userPrivateKey: o.userPrivateKey,
      withIssuer: format !== 'g1', // G1 gateways (<= v0.30.0) drop the field and the signature with it
    }),
    sessionTokens: effective.map((r) =>
      issueGateSessionToken({
        verb: containerVerbV1(r.verb)!,
        ...(r.containerId ? { containerId: r.containerId as ContainerId } : {}), // SessionRule checks 32 bytes
        gatePublicKey: gate,
        iat: epochs.iat,
        exp: epochs.exp,
        userPrivateKey: o.userPrivateKey,
      }),
    ),
  }));
  return { v1Gates };
}

export async function issueSecret(o: IssueSecretOptions): Promise<IssueSecretResult> {
  const format = o.format ?? 'g3';
  const now = o.now ?? Date.now;
  const lifetimeMs = o.lifetimeMs ?? DEFAULT_LIFETIME_MS;
  if (!(lifetimeMs > 0)) throw new IssueInputError('lifetime', `lifetime must be greater than 0, got ${lifetimeMs}ms`);
  const gates = parseGateKeys(o.gatePublicKeys);
  const progress = o.onProgress ?? (() => {});
  const userPublicKey = publicKeyFromPrivate(o.userPrivateKey);
  const ownerId = ownerIdFromPublicKey(userPublicKey);
  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };

  const net = await o.client.networkInfo(call);
  const epochs = lifetimeToEpochs(lifetimeMs, net.currentEpoch, net.epochDuration);

  // The container ID is known before the container exists: it is the hash of its bytes.
  let cid: ContainerId;
  let toCreate: ReturnType<typeof newContainer> | undefined;
  if ('existing' in o.container) {
    cid = o.container.existing;
  } else {
    const c = o.container.create;
    const attributes: Attribute[] = [{ key: ATTR_TIMESTAMP, value: String(Math.floor(now() / 1000)) }];
    if (c.friendlyName) {
      attributes.push({ key: 'Name', value: c.friendlyName }, { key: '__NEOFS__NAME', value: c.friendlyName }, { key: '__NEOFS__ZONE', value: 'container' });
    }
    if (net.homomorphicHashingDisabled) attributes.push({ key: '__NEOFS__DISABLE_HOMOMORPHIC_HASHING', value: 'true' });
    toCreate = newContainer({
      ownerId,
      basicAcl: c.basicAcl ?? BASIC_ACL_AUTHMATE,
      placementPolicy: encodePlacementPolicy(c.placementPolicy),
      attributes,
    });
    cid = computeContainerId(toCreate);
  }

  const planned = planTokens(o, format, gates, cid, epochs);
  const secret = new Uint8Array(randomBytes(32));
  const containerPolicies = (o.containerPolicies ?? []).map((p) => ({ locationConstraint: p.locationConstraint, policy: p.policy }));
  let built: BuiltAccessBox;
  if (format === 'g4') {
    built = buildAccessBox({
      format,
      secret,
      containerPolicies,
      gates: gates.map((publicKey) => ({ publicKey })),
      sessionTokenV2: { userPrivateKey: o.userPrivateKey, lifetime: lifetimeToUnixSeconds(lifetimeMs, now()), contexts: planned.v2Contexts! },
    });
  } else {
    built = buildAccessBox({ format, secret, containerPolicies, gates: planned.v1Gates! });
  }

  if (toCreate) {
    progress(`creating container ${containerIdToString(cid)} and waiting until it is readable`);
    await o.client.containerPut(toCreate, {
      ...call,
      wait: {
        ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
        ...(o.pollIntervalMs === undefined ? {} : { pollIntervalMs: o.pollIntervalMs }),
        onProgress: (p: WaitProgress) => {
          if (p.phase === 'waiting' && p.attempt % 4 === 0) progress(`still waiting for container ${containerIdToString(cid)} (${(p.elapsedMs / 1000).toFixed(1)}s)`);
        },
      },
    });
  } else {
    // A clear error now beats an unreadable box later.
    try {
      await o.client.containerGet(cid, call);
    } catch (err) {
      if (err instanceof ContainerNotFoundError) {
        throw new IssueInputError('container', `container ${containerIdToString(cid)} does not exist (the node says: ${err.message})`);
      }
      throw err;
    }
  }

  const unix = Math.floor(now() / 1000);
  progress(`storing the access box in container ${containerIdToString(cid)}`);
  const oid = await o.client.objectPut({
    ...call,
    network: net, // fetched above: no second NetworkInfo round trip (MaxObjectSize, homomorphic hashing)
    containerId: cid,
    payload: built.box,
    attributes: [
      { key: ATTR_TIMESTAMP, value: String(unix) },
      { key: ATTR_FILE_PATH, value: `${unix}_access.box` },
      { key: ATTR_EXPIRATION_EPOCH, value: epochs.exp.toString() },
      { key: ATTR_NONCE, value: randomBytes(8).toString('base64') },
    ],
  });

  return {
    accessKeyId: accessKeyId(cid, oid),
    secretAccessKey: built.secretAccessKey,
    ownerPrivateKey: bytesToHex(built.ephemeralKey),
    walletPublicKey: bytesToHex(userPublicKey),
    containerId: containerIdToString(cid),
    objectId: objectIdToString(oid),
    format,
    expirationEpoch: epochs.exp,
    containerCreated: toCreate !== undefined,
  };
}
