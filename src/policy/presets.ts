/**
 * Rule presets: `--preset read-only | read-write | full | put-only` instead of hand-written eACL
 * or session-rule JSON. One table of S3 abilities, mapped per box format:
 *
 *  - g4 (neofs-s3-gw v0.43+): one session token v2 whose contexts carry object and container verbs;
 *  - g1–g3 (v0.16–v0.44): the bearer token's eACL table (object operations, ALLOW or DENY for
 *    OTHERS, i.e. the gateway acting with the token) plus session tokens v1 (container verbs only).
 *
 * The object verbs per preset were measured against neofs-s3-gw v0.45.0 on neofs-node v0.54
 * (test/e2e/presets.test.ts proves them): the gateway SEARCHes the bucket before a PUT and before
 * a DELETE (object versions), and HEAD needs SEARCH too, so every preset grants SEARCH, and
 * SEARCH alone already lets a client list keys.
 *
 * With a bucket (`bucketContainerId`) every grant names that container: the eACL table's
 * `containerID` and each session context/token. CONTAINER_PUT (a new bucket) cannot be bound to
 * an existing container, so `full` limited to a bucket grants only DELETE and SETEACL of it.
 */
import { InvalidOptionError } from '../errors.js';
import type { ContainerId } from '../neofs/refs.js';
import { SessionVerb } from '../tokens/session-v2.js';
import { EACLAction, EACLOperation, EACLRole, type EACLRecord, type EACLTable } from './eacl.js';
import type { SessionRule } from './session-rules.js';

export const PRESET_NAMES = ['read-only', 'read-write', 'full', 'put-only'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** The access box generations (as box/box.ts `AccessBoxFormat`, restated to keep policy/ below box/). */
export type PresetFormat = 'g1' | 'g2' | 'g3' | 'g4';

interface PresetSpec {
  /** Object verbs of a session token v2 (g4). */
  objectVerbs: readonly SessionVerb[];
  /** eACL operations ALLOWed in the bearer token (g1–g3); every other operation is DENYed. */
  eaclAllow: readonly number[];
  /** Container verbs (both token versions); CONTAINER_PUT is dropped when limited to a bucket. */
  containerVerbs: readonly SessionVerb[];
}

const V = SessionVerb;
const O = EACLOperation;
const READ_VERBS = [V.OBJECT_GET, V.OBJECT_HEAD, V.OBJECT_SEARCH, V.OBJECT_RANGE];
const READ_OPS = [O.GET, O.HEAD, O.SEARCH, O.GETRANGE, O.GETRANGEHASH];

/** The table the README documents (keep both in step). */
const PRESETS: Readonly<Record<PresetName, PresetSpec>> = {
  'read-only': { objectVerbs: READ_VERBS, eaclAllow: READ_OPS, containerVerbs: [] },
  'read-write': { objectVerbs: [...READ_VERBS, V.OBJECT_PUT, V.OBJECT_DELETE], eaclAllow: [...READ_OPS, O.PUT, O.DELETE], containerVerbs: [] },
  full: {
    objectVerbs: [...READ_VERBS, V.OBJECT_PUT, V.OBJECT_DELETE],
    eaclAllow: [...READ_OPS, O.PUT, O.DELETE],
    containerVerbs: [V.CONTAINER_PUT, V.CONTAINER_DELETE, V.CONTAINER_SETEACL],
  },
  // The gateway SEARCHes for existing versions of the key before it stores a new one.
  'put-only': { objectVerbs: [V.OBJECT_PUT, V.OBJECT_SEARCH], eaclAllow: [O.PUT, O.SEARCH], containerVerbs: [] },
};

const ALL_OPS = [O.GET, O.HEAD, O.PUT, O.DELETE, O.SEARCH, O.GETRANGE, O.GETRANGEHASH];

/** Checks a preset name; an unknown one is `PRESET_UNKNOWN` on field `preset`. */
export function parsePresetName(name: string): PresetName {
  if ((PRESET_NAMES as readonly string[]).includes(name)) return name as PresetName;
  throw new InvalidOptionError('PRESET_UNKNOWN', 'preset', `unknown preset ${JSON.stringify(name)} (expected one of ${PRESET_NAMES.join(', ')})`);
}

export interface PresetRules {
  /** For g1–g3 boxes; g4 boxes carry no bearer token. */
  bearerRules: EACLTable;
  sessionRules: SessionRule[];
}

/**
 * The rules of `preset` for boxes of `format`, limited to `bucketContainerId` when given.
 * g1–g3: an eACL record per object operation (ALLOW or DENY, OTHERS = the token's bearer), so
 * the table says explicitly what is refused; session v1 tokens for the container verbs only.
 */
export function presetRules(preset: PresetName, format: PresetFormat, bucketContainerId?: ContainerId): PresetRules {
  const spec = PRESETS[preset];
  const scoped = <T extends object>(x: T): T & { containerId?: ContainerId } => (bucketContainerId ? { ...x, containerId: bucketContainerId } : x);
  const containerVerbs = bucketContainerId ? spec.containerVerbs.filter((v) => v !== V.CONTAINER_PUT) : spec.containerVerbs;
  const records: EACLRecord[] = ALL_OPS.map((operation) => ({
    operation,
    action: spec.eaclAllow.includes(operation) ? EACLAction.ALLOW : EACLAction.DENY,
    filters: [],
    targets: [{ role: EACLRole.OTHERS, keys: [] }],
  }));
  const bearerRules: EACLTable = scoped({ version: { major: 0, minor: 0 }, records });
  const verbs = format === 'g4' ? [...containerVerbs, ...spec.objectVerbs] : containerVerbs;
  return { bearerRules, sessionRules: verbs.map((verb) => scoped({ verb })) };
}
