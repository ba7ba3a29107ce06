/**
 * Issuing credentials, in three steps:
 *
 *   prepareIssue(input)          every local check, in the Go tool's order; no key, no network
 *   planIssue(prepared, facts)   pure: the container to create and its ID, the tokens, the box
 *   runIssuePlan(plan, store)    the writes: container (if new), then the box object
 *
 * `issueSecret` chains them against an `AuthmateStore` (a `NeoFSClient` or a `MemoryStore`).
 * A bad input is reported before the first write, so it leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { bytesToHex, parsePublicKey, publicKeyFromPrivate } from '../crypto/keys.js';
import { InvalidOptionError, withField } from '../errors.js';
import type { ContainerPolicy } from '../box/accessbox.js';
import { buildAccessBox, type AccessBoxFormat, type BuiltAccessBox, type GateTokens } from '../box/box.js';
import type { RandomSource } from '../box/crypto.js';
import type { WaitProgress } from '../neofs/client.js';
import { BASIC_ACL_AUTHMATE, containerId as computeContainerId, newContainer, type Attribute, type Container, type SignedContainer } from '../neofs/container.js';
import type { NetworkInfo } from '../neofs/netmap.js';
import type { ObjectAttribute } from '../neofs/object.js';
import { asContainerId, containerIdToString, objectIdToString, ownerIdFromPublicKey, parseContainerId, type ContainerId, type ObjectId, type OwnerId } from '../neofs/refs.js';
import { ContainerNotFoundError } from '../neofs/status.js';
import { readContainerPolicies } from '../policy/container-policies.js';
import { defaultBearerTable, encodeEACLTable, readBearerRules, type EACLTable } from '../policy/eacl.js';
import { decodePlacementPolicy, encodePlacementPolicy, type PlacementPolicy } from '../policy/placement.js';
import { parsePlacementPolicy } from '../policy/placement-ql.js';
import { containerVerbV1, defaultSessionRules, isContainerVerb, readSessionRules, type SessionRule } from '../policy/session-rules.js';
import { parsePresetName, presetRules, type PresetName } from '../policy/presets.js';
import { issueGateBearerToken } from '../tokens/bearer.js';
import { checkLifetime, lifetimeToEpochs, lifetimeToUnixSeconds } from '../tokens/lifetime.js';
import { issueGateSessionToken } from '../tokens/session-v1.js';
import { buildSessionContextsV2 } from '../tokens/session-v2.js';
import type { AuthmateStore } from './store.js';
import { checkPlacementOnNetwork } from './placement-check.js';
import { findBucket } from './bucket.js';

import { DEFAULT_BOX_FORMAT, DEFAULT_LIFETIME_MS, DEFAULT_PLACEMENT_POLICY } from './defaults.js';

export { DEFAULT_BOX_FORMAT, DEFAULT_LIFETIME_MS, DEFAULT_PLACEMENT_POLICY };

/** Attribute names of the access-box object (authmate v0.37+). */
export const ATTR_TIMESTAMP = 'Timestamp';
export const ATTR_FILE_PATH = 'FilePath';
export const ATTR_EXPIRATION_EPOCH = '__NEOFS__EXPIRATION_EPOCH';
export const ATTR_NONCE = '__NEOFS__NONCE';

/** Rules given as JSON text or the path of a file holding it (as the Go tool takes them), or built. */
type RulesInput<T> = T | string | ((boxContainerId: ContainerId) => T);

/** Where the box goes: an existing container, or a new one with these settings. */
export type BoxContainerInput =
  | { existing: ContainerId | string }
  | { create: { placementPolicy?: PlacementPolicy | string; basicAcl?: number; friendlyName?: string } };

/** What the user asks for: everything `prepareIssue` can check without a key or a network. */
export interface IssueInput {
  /** Gate public keys (hex or bytes, compressed or not); each gets its own tokens. */
  gatePublicKeys: readonly (string | Uint8Array)[];
  /** Default: a new container with the default placement policy. */
  container?: BoxContainerInput;
  /** Default 720h. */
  lifetimeMs?: number;
  /** g4 (default; g3 with bearer rules): neofs-s3-gw v0.43+ (session v2); g3: v0.37–v0.44; g2, g1: older gateways. */
  format?: AccessBoxFormat;
  /**
   * Bearer token eACL (g1–g3). Absent: authmate's default table. JSON text or a file may name
   * the box container as `%CID`; a function receives its ID.
   */
  bearerRules?: RulesInput<EACLTable>;
  /** Session rules; absent: the defaults of the format's gateway generation; `'none'` or [] = none. */
  sessionRules?: RulesInput<readonly SessionRule[]>;
  /** LocationConstraint -> placement policy for the gateway, as parsed or as JSON text/file. */
  containerPolicies?: readonly ContainerPolicy[] | string;
  /**
   * Rules from a preset (src/policy/presets.ts: read-only, read-write, full, put-only) instead of
   * `bearerRules`/`sessionRules` (giving both is an error).
   */
  preset?: PresetName | string;
  /**
   * Limits the preset to this existing bucket: the container owned by the issuing wallet whose
   * `Name` attribute is this (resolved through the store when issuing).
   */
  bucket?: string;
}

/** The checked input: every value parsed, the rules waiting only for the box container's ID. */
export interface PreparedIssue {
  readonly format: AccessBoxFormat;
  readonly gates: readonly Uint8Array[];
  readonly lifetimeMs: number;
  readonly container:
    | { readonly existing: ContainerId }
    | { readonly create: { readonly placementPolicy: PlacementPolicy; readonly basicAcl: number; readonly friendlyName?: string } };
  readonly containerPolicies: readonly ContainerPolicy[];
  /** Rules as a function of the box container and (with a preset limited to a bucket) the bucket's container. */
  readonly bearerRules: (cid: ContainerId, bucket?: ContainerId) => EACLTable;
  readonly sessionRules: (cid: ContainerId, bucket?: ContainerId) => readonly SessionRule[];
  /** A preset's bucket name: its container must be found (`findBucket`) and given to `planIssue` as `facts.bucketContainerId`. */
  readonly bucket?: string;
}

/** Network facts and the user's key: all `planIssue` needs beyond the prepared input. */
export interface IssueFacts {
  /** The user's 32-byte private key: owns the container and the box, signs the tokens. */
  userPrivateKey: Uint8Array;
  network: Pick<NetworkInfo, 'currentEpoch' | 'epochDuration' | 'homomorphicHashingDisabled'>;
  /** Wall clock, ms (default Date.now()). */
  now?: number;
  /** Secret, ephemeral key, salts and nonces; crypto-random by default (inject to reproduce). */
  random?: RandomSource;
  /** The container of `prepared.bucket` (required when the prepared input names a bucket). */
  bucketContainerId?: ContainerId;
}

export interface IssuePlan {
  readonly format: AccessBoxFormat;
  readonly containerId: ContainerId;
  /** Present when the box goes into a new container. */
  readonly containerToCreate?: Container;
  readonly box: BuiltAccessBox;
  /** The box object's attributes. */
  readonly attributes: readonly ObjectAttribute[];
  /** Last epoch in which the tokens and the box are valid. */
  readonly expirationEpoch: bigint;
  readonly walletPublicKey: Uint8Array;
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

export interface RunOptions {
  /** Per-call deadline and the container wait budget, ms. */
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Progress messages for humans (the CLI prints them on stderr). */
  onProgress?: (message: string) => void;
  /**
   * Called just before a new container is created for the box: if what follows fails, the
   * container may exist, and a rerun can put the box there (`container: { existing }`).
   */
  onContainerCreating?: (containerId: string) => void;
}

export interface IssueSecretOptions extends IssueInput, RunOptions {
  /** Where the container and the box go, acting as the user (its signer is the user's key). */
  store: AuthmateStore;
  userPrivateKey: Uint8Array;
  /** Clock, for tests. */
  now?: () => number;
  random?: RandomSource;
}

/**
 * g4, what current gateways read, unless bearer rules are given: bearer tokens exist up to g3
 * (neofs-s3-gw v0.37–v0.44), so such an input means a gateway of that generation.
 */
export function defaultBoxFormat(input: Pick<IssueInput, 'bearerRules'>): AccessBoxFormat {
  return input.bearerRules !== undefined ? 'g3' : DEFAULT_BOX_FORMAT;
}

/** A stand-in container ID, to check rules that name the box container before its ID is known. */
const PROBE_CID = asContainerId(new Uint8Array(32).fill(1));

/** `<container id>0<object id>` (base58 has no `0`). */
export function accessKeyId(cid: ContainerId, oid: ObjectId): string {
  return `${containerIdToString(cid)}0${objectIdToString(oid)}`;
}

/** Parses every gate key first, so a bad one is reported by position before any work. */
export function parseGateKeys(keys: readonly (string | Uint8Array)[]): Uint8Array[] {
  if (keys.length === 0) throw new InvalidOptionError('GATE_KEY_MISSING', 'gatePublicKeys', 'at least one gate public key is required');
  const seen = new Set<string>();
  return keys.map((k, i) => {
    const position = String(i + 1);
    let pub: Uint8Array;
    try {
      pub = parsePublicKey(k);
    } catch (err) {
      const shown = typeof k === 'string' ? k : bytesToHex(k);
      throw new InvalidOptionError('GATE_KEY_INVALID', 'gatePublicKeys', `gate public key #${position} (${shown}): ${(err as Error).message}`, { position, cause: err });
    }
    const hex = bytesToHex(pub);
    if (seen.has(hex)) throw new InvalidOptionError('GATE_KEY_DUPLICATE', 'gatePublicKeys', `gate public key #${position} (${hex}) is given twice`, { position });
    seen.add(hex);
    return pub;
  });
}

/** Rules from any input form, as a function of the box container's ID, checked now with a stand-in. */
function rulesFor<T>(input: RulesInput<T> | undefined, fromText: (text: string, cid: ContainerId) => T, fallback: () => T): (cid: ContainerId) => T {
  let rules: (cid: ContainerId) => T;
  if (input === undefined) rules = fallback;
  else if (typeof input === 'string') rules = (cid) => fromText(input, cid);
  else if (typeof input === 'function') rules = input as (cid: ContainerId) => T;
  else rules = () => input;
  rules(PROBE_CID); // report bad rules before the wallet, the network or any write
  return rules;
}

/**
 * Every check that needs neither the user's key nor the network, in the order of the Go tool's
 * exit codes (container ID, gate keys, lifetime, container policies, bearer rules, session rules,
 * then the box format's constraints and the new container's settings). Errors are
 * `InvalidOptionError`s (or parser errors) whose `field` names the option.
 */
export function prepareIssue(input: IssueInput): PreparedIssue {
  const format = input.format ?? defaultBoxFormat(input);
  const c = input.container ?? { create: {} };
  const existing = 'existing' in c ? withField('containerId', () => (typeof c.existing === 'string' ? parseContainerId(c.existing) : c.existing)) : undefined;
  const gates = parseGateKeys(input.gatePublicKeys);
  const lifetimeMs = input.lifetimeMs ?? DEFAULT_LIFETIME_MS;
  checkLifetime(lifetimeMs);
  const containerPolicies =
    typeof input.containerPolicies === 'string'
      ? readContainerPolicies(input.containerPolicies).map((p) => ({ locationConstraint: p.locationConstraint, policy: p.policy }))
      : (input.containerPolicies ?? []).map((p) => ({ locationConstraint: p.locationConstraint, policy: p.policy }));

  const g4 = format === 'g4';
  const preset = prepareIssuePreset(input, format);
  if (g4 && input.bearerRules !== undefined) {
    throw new InvalidOptionError('BEARER_RULES_UNSUPPORTED', 'bearerRules', 'not used by g4 boxes (neofs-s3-gw v0.43+ takes session tokens v2 only)');
  }
  const bearerRules = preset?.bearerRules ?? rulesFor<EACLTable>(input.bearerRules, (text, cid) => readBearerRules(text, { boxContainerId: cid })!, defaultBearerTable);
  const generation = g4 ? 'v0.45' : 'v0.42';
  const sessionRules =
    preset?.sessionRules ??
    rulesFor<readonly SessionRule[]>(
      input.sessionRules,
      (text, cid) => readSessionRules(text, { generation, objectVerbs: g4, boxContainerId: cid }),
      () => defaultSessionRules(generation),
    );
  const bucket = preset?.bucket === undefined ? {} : { bucket: preset.bucket };
  const probed = sessionRules(PROBE_CID);
  if (g4 && probed.length === 0) {
    throw new InvalidOptionError('SESSION_RULES_EMPTY', 'sessionRules', 'a g4 box needs at least one session rule (without one the gateway could do nothing with these credentials)');
  }
  if (!g4) {
    const objectRule = probed.find((r) => !isContainerVerb(r.verb));
    if (objectRule) {
      throw new InvalidOptionError('SESSION_RULES_UNSUPPORTED', 'sessionRules', `object verb ${objectRule.verb} needs a g4 box (session token v2); ${format} boxes carry container session tokens only`);
    }
  }

  if (existing !== undefined) return { format, gates, lifetimeMs, container: { existing }, containerPolicies, bearerRules, sessionRules, ...bucket };
  const create = (c as { create: { placementPolicy?: PlacementPolicy | string; basicAcl?: number; friendlyName?: string } }).create;
  const policyInput = create.placementPolicy ?? DEFAULT_PLACEMENT_POLICY;
  const placementPolicy = typeof policyInput === 'string' ? withField('placementPolicy', () => parsePlacementPolicy(policyInput)) : policyInput;
  const basicAcl = create.basicAcl ?? BASIC_ACL_AUTHMATE;
  if (!Number.isInteger(basicAcl) || basicAcl < 0 || basicAcl > 0xffff_ffff) {
    throw new InvalidOptionError('BASIC_ACL_INVALID', 'basicAcl', `basic ACL must be a 32-bit unsigned integer, got ${basicAcl}`);
  }
  return {
    format,
    gates,
    lifetimeMs,
    container: { create: { placementPolicy, basicAcl, ...(create.friendlyName ? { friendlyName: create.friendlyName } : {}) } },
    containerPolicies,
    bearerRules,
    sessionRules,
    ...bucket,
  };
}

/**
 * A preset's rules (src/policy/presets.ts) in place of the rule inputs, which it excludes.
 * `bucket` needs a preset: hand-written rules name their containers themselves.
 */
function prepareIssuePreset(
  input: IssueInput,
  format: AccessBoxFormat,
): { bearerRules: PreparedIssue['bearerRules']; sessionRules: PreparedIssue['sessionRules']; bucket?: string } | undefined {
  if (input.bucket !== undefined && (typeof input.bucket !== 'string' || input.bucket === '')) {
    throw new InvalidOptionError('BUCKET_INVALID', 'bucket', `bucket must be a non-empty name, got ${JSON.stringify(input.bucket)}`);
  }
  if (input.preset === undefined) {
    if (input.bucket !== undefined) throw new InvalidOptionError('BUCKET_WITHOUT_PRESET', 'bucket', 'a bucket limits a preset: give a preset too');
    return undefined;
  }
  const name = parsePresetName(input.preset);
  const given = [input.bearerRules !== undefined ? 'bearer rules' : '', input.sessionRules !== undefined ? 'session rules' : ''].filter(Boolean);
  if (given.length > 0) {
    throw new InvalidOptionError('PRESET_CONFLICT', 'preset', `preset ${name} and explicit ${given.join(' and ')} exclude each other: use one or the other`);
  }
  const rules = (bucket: ContainerId | undefined) => presetRules(name, format, bucket);
  return {
    bearerRules: (_cid, bucket) => rules(bucket).bearerRules,
    sessionRules: (_cid, bucket) => rules(bucket).sessionRules,
    ...(input.bucket === undefined ? {} : { bucket: input.bucket }),
  };
}

/** The new container as Go authmate makes it (its ID is known before it exists: the hash of its bytes). */
function containerToCreate(p: PreparedIssue, owner: OwnerId, facts: IssueFacts, nowMs: number, random: RandomSource): Container | undefined {
  if (!('create' in p.container)) return undefined;
  const c = p.container.create;
  const attributes: Attribute[] = [{ key: ATTR_TIMESTAMP, value: String(Math.floor(nowMs / 1000)) }];
  if (c.friendlyName) {
    attributes.push({ key: 'Name', value: c.friendlyName }, { key: '__NEOFS__NAME', value: c.friendlyName }, { key: '__NEOFS__ZONE', value: 'container' });
  }
  if (facts.network.homomorphicHashingDisabled) attributes.push({ key: '__NEOFS__DISABLE_HOMOMORPHIC_HASHING', value: 'true' });
  const nonce = random(16);
  nonce[6] = (nonce[6]! & 0x0f) | 0x40; // UUIDv4
  nonce[8] = (nonce[8]! & 0x3f) | 0x80;
  return newContainer({ ownerId: owner, basicAcl: c.basicAcl, placementPolicy: encodePlacementPolicy(c.placementPolicy), attributes, nonce });
}

/** Pure: everything the writes need, from the prepared input and the network facts. */
export function planIssue(p: PreparedIssue, facts: IssueFacts): IssuePlan {
  const nowMs = facts.now ?? Date.now();
  const random = facts.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const userKey = facts.userPrivateKey;
  const walletPublicKey = publicKeyFromPrivate(userKey);
  const toCreate = containerToCreate(p, ownerIdFromPublicKey(walletPublicKey), facts, nowMs, random);
  const cid = toCreate ? computeContainerId(toCreate) : (p.container as { existing: ContainerId }).existing;
  const epochs = lifetimeToEpochs(p.lifetimeMs, facts.network.currentEpoch, facts.network.epochDuration);
  if (p.bucket !== undefined && facts.bucketContainerId === undefined) {
    throw new InvalidOptionError('BUCKET_UNRESOLVED', 'bucket', `bucket ${JSON.stringify(p.bucket)} has not been resolved to its container (findBucket)`);
  }
  const bucketCid = p.bucket === undefined ? undefined : facts.bucketContainerId;
  const rules = p.sessionRules(cid, bucketCid);
  const common = { secret: random(32), containerPolicies: [...p.containerPolicies], random };

  let box: BuiltAccessBox;
  if (p.format === 'g4') {
    const contexts = buildSessionContextsV2(rules.map((r) => (r.containerId ? { verb: r.verb, containerId: r.containerId } : { verb: r.verb })));
    box = buildAccessBox({
      ...common,
      format: 'g4',
      gates: p.gates.map((publicKey) => ({ publicKey })),
      sessionTokenV2: { userPrivateKey: userKey, lifetime: lifetimeToUnixSeconds(p.lifetimeMs, nowMs), contexts },
    });
  } else {
    const eacl = encodeEACLTable(p.bearerRules(cid, bucketCid));
    const gates: GateTokens[] = p.gates.map((gate) => ({
      publicKey: gate,
      bearerToken: issueGateBearerToken({
        eaclTable: eacl,
        gatePublicKey: gate,
        iat: epochs.iat,
        exp: epochs.exp,
        userPrivateKey: userKey,
        withIssuer: p.format !== 'g1', // G1 gateways (<= v0.30.0) drop the field and the signature with it
      }),
      sessionTokens: rules.map((r) =>
        issueGateSessionToken({
          verb: containerVerbV1(r.verb)!,
          ...(r.containerId ? { containerId: r.containerId } : {}),
          gatePublicKey: gate,
          iat: epochs.iat,
          exp: epochs.exp,
          userPrivateKey: userKey,
        }),
      ),
    }));
    box = buildAccessBox({ ...common, format: p.format, gates });
  }

  const unix = Math.floor(nowMs / 1000);
  const attributes: ObjectAttribute[] = [
    { key: ATTR_TIMESTAMP, value: String(unix) },
    { key: ATTR_FILE_PATH, value: `${unix}_access.box` },
    { key: ATTR_EXPIRATION_EPOCH, value: epochs.exp.toString() },
    { key: ATTR_NONCE, value: Buffer.from(random(8)).toString('base64') },
  ];
  return {
    format: p.format,
    containerId: cid,
    ...(toCreate ? { containerToCreate: toCreate } : {}),
    box,
    attributes,
    expirationEpoch: epochs.exp,
    walletPublicKey,
  };
}

/** Reads a run may have started early (e.g. while the wallet decrypted): each saves a round trip after the key. */
export interface EarlyReads {
  /** Network facts. */
  network?: NetworkInfo;
  /** The lookup of the existing container the box goes to (any key may read a container). */
  existingContainer?: Promise<SignedContainer>;
}

/** The writes: the container (new: create and wait; existing: check it is there), then the box object. */
export async function runIssuePlan(plan: IssuePlan, store: AuthmateStore, o: RunOptions & EarlyReads = {}): Promise<IssueSecretResult> {
  const progress = o.onProgress ?? (() => {});
  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };
  const cid = plan.containerId;
  const shown = containerIdToString(cid);
  if (plan.containerToCreate) {
    // Refuse a policy the network map cannot hold before anything exists (placement-check.ts).
    if (await checkPlacementOnNetwork(store, decodePlacementPolicy(plan.containerToCreate.placementPolicy), call)) {
      progress('the placement policy fits the network map');
    }
    progress(`creating container ${shown} and waiting until it is readable`);
    o.onContainerCreating?.(shown);
    await store.containerPut(plan.containerToCreate, {
      ...call,
      wait: {
        ...call,
        ...(o.pollIntervalMs === undefined ? {} : { pollIntervalMs: o.pollIntervalMs }),
        onProgress: (w: WaitProgress) => {
          if (w.phase === 'waiting' && w.attempt % 4 === 0) progress(`still waiting for container ${shown} (${(w.elapsedMs / 1000).toFixed(1)}s)`);
        },
      },
    });
  } else {
    // A clear error now beats an unreadable box later.
    try {
      await (o.existingContainer ?? store.containerGet(cid, call));
    } catch (err) {
      if (err instanceof ContainerNotFoundError) {
        throw new InvalidOptionError('BOX_CONTAINER_NOT_FOUND', 'containerId', `container ${shown} does not exist (the node says: ${err.message})`, { cause: err });
      }
      throw err;
    }
  }
  progress(`storing the access box in container ${shown}`);
  const oid = await store.objectPut({
    ...call,
    // fetched for the plan: no second NetworkInfo round trip (MaxObjectSize, homomorphic hashing)
    ...(o.network ? { network: o.network } : {}),
    containerId: cid,
    payload: plan.box.box,
    attributes: [...plan.attributes],
  });
  return {
    accessKeyId: accessKeyId(cid, oid),
    secretAccessKey: plan.box.secretAccessKey,
    ownerPrivateKey: bytesToHex(plan.box.ephemeralKey),
    walletPublicKey: bytesToHex(plan.walletPublicKey),
    containerId: shown,
    objectId: objectIdToString(oid),
    format: plan.format,
    expirationEpoch: plan.expirationEpoch,
    containerCreated: plan.containerToCreate !== undefined,
  };
}

/** Runs a prepared input against a store: network facts, the plan, the writes. */
export async function issuePrepared(
  prepared: PreparedIssue,
  o: RunOptions &
    EarlyReads & {
      store: AuthmateStore;
      userPrivateKey: Uint8Array;
      now?: () => number;
      random?: RandomSource;
      /** Finds a preset's bucket (default: `findBucket`, a scan of the owner's containers); a batch shares one scan. */
      bucketContainerOf?: (bucket: string) => Promise<ContainerId>;
    },
): Promise<IssueSecretResult> {
  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };
  const network = o.network ?? (await o.store.networkInfo(call));
  const bucketOf = o.bucketContainerOf ?? ((bucket: string) => findBucket(o.store, bucket, { ownerKey: o.userPrivateKey, ...call }));
  const bucketContainerId = prepared.bucket === undefined ? undefined : await bucketOf(prepared.bucket);
  const plan = planIssue(prepared, {
    userPrivateKey: o.userPrivateKey,
    network,
    now: (o.now ?? Date.now)(),
    ...(o.random ? { random: o.random } : {}),
    ...(bucketContainerId ? { bucketContainerId } : {}),
  });
  return runIssuePlan(plan, o.store, { ...o, network });
}

/** Checks the input, reads the network facts, plans and writes: the credentials for S3 clients. */
export async function issueSecret(o: IssueSecretOptions): Promise<IssueSecretResult> {
  return issuePrepared(prepareIssue(o), o);
}
