/**
 * `resetBucketAcl`: removes the bucket-ownership marker record that neofs-s3-gw before v0.37
 * kept in a bucket's eACL (ownership now lives in the bucket settings object), as
 * `neofs-s3-authmate reset-bucket-acl` v0.42–v0.45 does: open the box with the gate key, find
 * the bucket's container, read its eACL, drop the record, and set the table with the box's
 * session token (the gate acts for the bucket owner).
 */
import type { OpenedAccessBox } from '../box/box.js';
import { AuthmateError, withField } from '../errors.js';
import { resolveBucketContainer, type NnsClient } from '../neofs/nns.js';
import { containerIdToString, ownerIdFromPublicKey, type ContainerId } from '../neofs/refs.js';
import { keySigner } from '../neofs/signing.js';
import { decodeEACLTable, EACLAction, EACLHeaderType, EACLMatchType, EACLOperation, encodeEACLTable, type EACLRecord, type EACLTable } from '../policy/eacl.js';
import { ContainerSessionVerb, encodeSessionToken, type SessionToken } from '../tokens/session-v1.js';
import { encodeSessionTokenV2, SessionVerb, sessionTokenV2SubjectIndex, type SessionTokenV2 } from '../tokens/session-v2.js';
import { obtainSecret } from './obtain.js';
import type { AuthmateStore } from './store.js';

/** The request header key of the gateway's ownership markers (`amzBucketOwnerField`). */
export const BUCKET_OWNER_FIELD = 'BucketOwnerField';

/**
 * The gateway's rule (`handler.UpdateBucketOwnership`): a DENY PUT record with a filter on the
 * request header `BucketOwnerField`, matched STRING_NOT_EQUAL. The value and the marker account
 * in the target do not matter. (The "preferred and restricted" marker filters the object
 * header with STRING_EQUAL, so the rule does not match it; Go keeps it too.)
 */
export function isBucketOwnershipRecord(r: EACLRecord): boolean {
  return (
    r.action === EACLAction.DENY &&
    r.operation === EACLOperation.PUT &&
    r.filters.some((f) => f.key === BUCKET_OWNER_FIELD && f.headerType === EACLHeaderType.REQUEST && f.matchType === EACLMatchType.STRING_NOT_EQUAL)
  );
}

export interface BucketAclResetPlan {
  /** The table to set: the old one (version, container) without the record. */
  table: EACLTable;
  /** Index of the removed record in the old table, or -1 when nothing matches. */
  removedIndex: number;
  removed?: EACLRecord;
}

/**
 * The eACL without the ownership record. As the gateway, only the first matching record goes
 * (the gateway kept at most one: setting a new ownership replaced the old record).
 */
export function planBucketAclReset(table: EACLTable): BucketAclResetPlan {
  const removedIndex = table.records.findIndex(isBucketOwnershipRecord);
  const records = table.records.filter((_, i) => i !== removedIndex);
  const next: EACLTable = { version: { ...table.version }, records, ...(table.containerId ? { containerId: table.containerId } : {}) };
  return removedIndex < 0 ? { table: next, removedIndex } : { table: next, removedIndex, removed: table.records[removedIndex]! };
}

export type ResetBucketAclErrorCode = 'SESSION_TOKEN_MISSING';

export class ResetBucketAclError extends AuthmateError {
  declare readonly code: ResetBucketAclErrorCode;
}

/** Which container: given, or a bucket name resolved through NNS on the FS chain. */
export type BucketTarget =
  | { containerId: ContainerId }
  | { bucket: string; namespace?: string; rpcEndpoint: string; nns?: NnsClient };

export interface ResetBucketAclOptions {
  /** Reads the box and the eACL, and sets the table; its requests are signed by the gate key. */
  store: AuthmateStore;
  accessKeyId: string;
  /** The gate's 32-byte private key: opens the box and signs the new table. */
  gatePrivateKey: Uint8Array;
  target: BucketTarget;
  /** Set the new table (default false: only compute it). */
  apply?: boolean;
  /** Deadline of each NeoFS call, ms. */
  timeoutMs?: number;
  /** Deadline of each NNS HTTP call, ms (default 10 000). */
  nnsTimeoutMs?: number;
  /** How long to wait for the node to show the new table, ms (default 60 000). */
  waitTimeoutMs?: number;
}

export interface ResetBucketAclResult {
  containerId: ContainerId;
  /** The eACL as the node had it. */
  before: EACLTable;
  /** The new table (what was set with `apply`). */
  table: EACLTable;
  removed?: EACLRecord;
  /** The new table was sent and the node shows it; false in a dry run or when nothing matched. */
  applied: boolean;
}

/**
 * Runs the reset. Errors carry the stage in `field` (the CLI's exit codes follow Go's per stage):
 * `accessKeyId` opening the box, `bucket` resolving the name, `containerEACL` reading the eACL,
 * `apply` setting it.
 */
export async function resetBucketAcl(o: ResetBucketAclOptions): Promise<ResetBucketAclResult> {
  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };
  const { box } = await withField('accessKeyId', () => obtainSecret({ store: o.store, accessKeyId: o.accessKeyId, gatePrivateKey: o.gatePrivateKey, ...call }));
  const t = o.target;
  const containerId =
    'containerId' in t
      ? t.containerId
      : await withField('bucket', () =>
          resolveBucketContainer({
            endpoint: t.rpcEndpoint,
            bucket: t.bucket,
            ...(t.namespace === undefined ? {} : { namespace: t.namespace }),
            ...(t.nns ? { client: t.nns } : {}),
            ...(o.nnsTimeoutMs === undefined ? {} : { timeoutMs: o.nnsTimeoutMs }),
          }),
        );
  const before = await withField('containerEACL', async () => decodeEACLTable((await o.store.containerEACL(containerId, call)).eacl));
  const plan = planBucketAclReset(before);
  // The node wants the container in the table; a table read from it always names it.
  const table: EACLTable = plan.table.containerId ? plan.table : { ...plan.table, containerId };
  const result: ResetBucketAclResult = { containerId, before, table, ...(plan.removed ? { removed: plan.removed } : {}), applied: false };
  // Nothing to remove: setting the same table again would only cost a chain transaction.
  if (!o.apply || !plan.removed) return result;

  await withField('apply', async () => {
    const gate = keySigner(o.gatePrivateKey);
    const session = sessionFor(box, containerId, gate.publicKey);
    await o.store.containerSetEACL(encodeEACLTable(table), {
      containerId,
      containerSigner: gate,
      ...session,
      ...call,
      wait: { timeoutMs: o.waitTimeoutMs ?? 60_000 },
    });
  });
  return { ...result, applied: true };
}

/**
 * The box's token that lets the gate set this container's eACL: G4's session token v2 (the gate
 * a subject, CONTAINER_SETEACL for the container or all), or a G1–G3 container SETEACL token v1.
 */
function sessionFor(box: OpenedAccessBox, id: ContainerId, gatePublicKey: Uint8Array): { sessionTokenV2: Uint8Array } | { sessionToken: Uint8Array } {
  const cid = containerIdToString(id);
  const missing = (why: string): never => {
    throw new ResetBucketAclError('SESSION_TOKEN_MISSING', `the ${box.format} access box has no session token to set the eACL of ${cid}: ${why}`);
  };
  if (box.sessionTokenV2) {
    const tok: SessionTokenV2 = box.sessionTokenV2;
    if (sessionTokenV2SubjectIndex(tok, ownerIdFromPublicKey(gatePublicKey)) < 0) missing('the gate is not a subject of its token');
    const covers = tok.contexts.some(
      (c) => c.verbs.includes(SessionVerb.CONTAINER_SETEACL) && (c.containerId === undefined || containerIdToString(c.containerId) === cid),
    );
    if (!covers) missing('its token v2 does not grant CONTAINER_SETEACL for this container');
    return { sessionTokenV2: encodeSessionTokenV2(tok) };
  }
  const v1 = box.sessionTokens.find(
    (t: SessionToken) =>
      t.context?.kind === 'container' &&
      t.context.verb === ContainerSessionVerb.SETEACL &&
      (t.context.containerId === undefined || containerIdToString(t.context.containerId) === cid),
  );
  if (!v1) return missing(box.sessionTokens.length === 0 ? 'it holds no session tokens' : 'none of its tokens is a container SETEACL token for this container');
  return { sessionToken: encodeSessionToken(v1) };
}
