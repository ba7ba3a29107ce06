/**
 * Session token rules: `--session-tokens` (v0.19+) and the legacy `--session-rules` (v0.16–v0.18),
 * normalized to a list of `{verb, containerId?}` (authmate.md §3.2, §4.3). Verbs use the session v2
 * `SessionVerb` of src/tokens (container verbs 8–12 map to v1 verbs 1–5, see `containerVerbV1`).
 *
 * Accepted element forms:
 * - v0.21+: `{"verb": "PUT", "containerID": "<base58>" | null}` read like Go `encoding/json`:
 *   keys case-insensitive, unknown keys ignored, values case-sensitive.
 * - v0.16–v0.20: protojson `ContainerSessionContext`
 *   `{"verb": "PUT", "wildcard": true, "containerID": {"value": "<base64>"}}` (a single object
 *   for `--session-rules`, an array of them in v0.19/v0.20).
 */
import bs58 from 'bs58';
import { withField } from '../errors.js';
import { SessionVerb } from '../tokens/session-v2.js';
import { checkContainerId, type ContainerId } from '../neofs/refs.js';
import { readJsonInput, substituteBoxContainer } from './json-input.js';
import {
  JsonFieldError,
  childPath,
  describe,
  fieldNames,
  readBytes,
  readEnum,
  readMessage,
  type JsonObject,
  type JsonValue,
} from '../util/protojson.js';

export interface SessionRule {
  verb: SessionVerb;
  /** Absent = any container (wildcard). */
  containerId?: ContainerId;
}

/** The strings `--session-tokens` accepts (v0.42 names, v0.45 names, and SETATTRIBUTE/REMOVEATTRIBUTE). */
export const SESSION_VERB_NAMES: Readonly<Record<string, SessionVerb>> = {
  PUT: SessionVerb.CONTAINER_PUT,
  DELETE: SessionVerb.CONTAINER_DELETE,
  SETEACL: SessionVerb.CONTAINER_SETEACL,
  SETATTRIBUTE: SessionVerb.CONTAINER_SETATTRIBUTE,
  REMOVEATTRIBUTE: SessionVerb.CONTAINER_REMOVEATTRIBUTE,
  CONTAINER_PUT: SessionVerb.CONTAINER_PUT,
  CONTAINER_DELETE: SessionVerb.CONTAINER_DELETE,
  CONTAINER_SET_EACL: SessionVerb.CONTAINER_SETEACL,
  CONTAINER_SET_ATTRIBUTE: SessionVerb.CONTAINER_SETATTRIBUTE,
  CONTAINER_REMOVE_ATTRIBUTE: SessionVerb.CONTAINER_REMOVEATTRIBUTE,
  OBJECT_PUT: SessionVerb.OBJECT_PUT,
  OBJECT_GET: SessionVerb.OBJECT_GET,
  OBJECT_HEAD: SessionVerb.OBJECT_HEAD,
  OBJECT_SEARCH: SessionVerb.OBJECT_SEARCH,
  OBJECT_DELETE: SessionVerb.OBJECT_DELETE,
  OBJECT_RANGE: SessionVerb.OBJECT_RANGE,
};

/** v1 `ContainerSessionContext.Verb` (PUT 1 … REMOVEATTRIBUTE 5) of a container verb, else undefined. */
export function containerVerbV1(verb: SessionVerb): number | undefined {
  return verb >= SessionVerb.CONTAINER_PUT ? verb - SessionVerb.CONTAINER_PUT + 1 : undefined;
}

export const isContainerVerb = (verb: SessionVerb): boolean => verb >= SessionVerb.CONTAINER_PUT;

/** v1 verb names of the legacy protojson form. */
const V1_VERBS = { VERB_UNSPECIFIED: 0, PUT: 1, DELETE: 2, SETEACL: 3, SETATTRIBUTE: 4, REMOVEATTRIBUTE: 5 } as const;

export interface SessionRulesOptions {
  /**
   * Whether object verbs are allowed (session v2 / G4 boxes). Session v1 boxes (G3, v0.42)
   * carry container tokens only, so there they are refused instead of silently dropped.
   */
  objectVerbs?: boolean;
}

/** Go encoding/json field matching: every key equal to the name ignoring case sets it; the last one wins. */
function goField(obj: JsonObject, name: string): JsonValue | undefined {
  let found: JsonValue | undefined;
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === name.toLowerCase()) found = v;
  return found;
}

function verbFrom(v: JsonValue | undefined, path: string, opts: SessionRulesOptions): SessionVerb {
  // Go: null leaves the string empty; any other non-string is a type error.
  const s = v === undefined || v === null ? '' : v;
  if (typeof s !== 'string') throw new JsonFieldError(path, `expected a string, got ${describe(s)}`);
  const verb = Object.hasOwn(SESSION_VERB_NAMES, s) ? SESSION_VERB_NAMES[s] : undefined;
  if (verb === undefined) {
    throw new JsonFieldError(path, `unknown session token verb ${JSON.stringify(s)} (expected one of ${Object.keys(SESSION_VERB_NAMES).join(', ')})`);
  }
  if (!isContainerVerb(verb) && opts.objectVerbs === false) {
    throw new JsonFieldError(path, `object verb ${s} needs session tokens v2; these credentials carry container session tokens only`);
  }
  return verb;
}

/** The one container-ID check (refs), reported at the rule's JSON path. */
function ruleContainerId(id: Uint8Array, path: string): ContainerId {
  try {
    return checkContainerId(id);
  } catch (err) {
    throw new JsonFieldError(path, (err as Error).message);
  }
}

function containerIdFromBase58(v: JsonValue | undefined, path: string): ContainerId | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new JsonFieldError(path, `expected a base58 container ID string, got ${describe(v)}`);
  let id: Uint8Array;
  try {
    id = bs58.decode(v);
  } catch {
    throw new JsonFieldError(path, `invalid base58 container ID ${JSON.stringify(v)}`);
  }
  return ruleContainerId(id, path);
}

const LEGACY_FIELDS = [
  { json: 'verb', proto: 'verb' },
  { json: 'wildcard', proto: 'wildcard' },
  { json: 'containerID', proto: 'container_id' },
] as const;

/** v0.16–v0.20 protojson `ContainerSessionContext` (case-sensitive, strict). */
function legacyRule(v: JsonValue, path: string): SessionRule {
  const m = readMessage(v, path, LEGACY_FIELDS);
  const n = readEnum(m.verb, childPath(path, 'verb'), V1_VERBS);
  if (n < 1 || n > 5) throw new JsonFieldError(childPath(path, 'verb'), `unsupported container verb ${JSON.stringify(m.verb ?? null)}`);
  const verb: SessionVerb = SessionVerb.CONTAINER_PUT + n - 1;
  if (m.wildcard !== undefined && typeof m.wildcard !== 'boolean') {
    throw new JsonFieldError(childPath(path, 'wildcard'), `expected a boolean, got ${describe(m.wildcard)}`);
  }
  let containerId: ContainerId | undefined;
  if (m.containerID !== undefined) {
    const p = childPath(path, 'containerID');
    const c = readMessage(m.containerID, p, fieldNames('value'));
    containerId = ruleContainerId(readBytes(c.value, childPath(p, 'value')), childPath(p, 'value'));
  }
  if (m.wildcard === true && containerId) throw new JsonFieldError(path, 'both wildcard and containerID are set');
  if (m.wildcard !== true && !containerId) throw new JsonFieldError(path, 'neither wildcard nor containerID is set');
  return containerId ? { verb, containerId } : { verb };
}

const isLegacy = (o: JsonObject): boolean => Object.hasOwn(o, 'wildcard') || (o.containerID !== null && typeof o.containerID === 'object') || (o.container_id !== null && typeof o.container_id === 'object');

/**
 * Reads session rules from parsed JSON: an array of rules (either form per element) or one
 * legacy object. Appends a wildcard SETEACL rule when a container PUT rule is present without one
 * (authmate v0.19+, #352). An empty array yields no rules.
 */
export function parseSessionRules(json: JsonValue, options: SessionRulesOptions = {}): SessionRule[] {
  let rules: SessionRule[];
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) rules = [legacyRule(json, '')];
  else if (Array.isArray(json)) {
    rules = json.map((el, i) => {
      const path = `[${i}]`;
      if (el === null || typeof el !== 'object' || Array.isArray(el)) {
        throw new JsonFieldError(path, `expected a rule object like {"verb":"PUT","containerID":null}, got ${describe(el)}`);
      }
      if (isLegacy(el)) return legacyRule(el, path);
      const verb = verbFrom(goField(el, 'verb'), childPath(path, 'verb'), options);
      const containerId = containerIdFromBase58(goField(el, 'containerID'), childPath(path, 'containerID'));
      return containerId ? { verb, containerId } : { verb };
    });
  } else {
    throw new JsonFieldError('', `expected an array of rules like [{"verb":"PUT","containerID":null}], got ${describe(json)} (use "none" for no session tokens)`);
  }
  const has = (v: SessionVerb): boolean => rules.some((r) => r.verb === v);
  if (has(SessionVerb.CONTAINER_PUT) && !has(SessionVerb.CONTAINER_SETEACL)) rules.push({ verb: SessionVerb.CONTAINER_SETEACL });
  return rules;
}

/** Rules used without `--session-tokens`: v0.42 issues five v1 container tokens; v0.45 one v2 context. */
export function defaultSessionRules(generation: 'v0.42' | 'v0.45'): SessionRule[] {
  const v = SessionVerb;
  const verbs: SessionVerb[] =
    generation === 'v0.42'
      ? [v.CONTAINER_PUT, v.CONTAINER_DELETE, v.CONTAINER_SETEACL, v.CONTAINER_SETATTRIBUTE, v.CONTAINER_REMOVEATTRIBUTE]
      : [v.CONTAINER_PUT, v.CONTAINER_DELETE, v.CONTAINER_SETEACL, v.CONTAINER_SETATTRIBUTE, v.CONTAINER_REMOVEATTRIBUTE,
         v.OBJECT_PUT, v.OBJECT_GET, v.OBJECT_HEAD, v.OBJECT_SEARCH, v.OBJECT_DELETE, v.OBJECT_RANGE];
  return verbs.map((verb) => ({ verb }));
}

export interface ReadSessionRulesOptions extends SessionRulesOptions {
  generation: 'v0.42' | 'v0.45';
  readFile?: (path: string) => string;
  /** The access box's container: replaces the `%CID` placeholder of the 2021 docs. */
  boxContainerId?: Uint8Array;
}

/**
 * Session rules as authmate takes them: absent/empty ⇒ the defaults of the generation, `none` ⇒
 * no rules, else JSON text or a file. Errors carry `field: 'sessionRules'` and the JSON path.
 */
export function readSessionRules(value: string | undefined, options: ReadSessionRulesOptions): SessionRule[] {
  if (value === undefined || value === '') return defaultSessionRules(options.generation);
  if (value === 'none') return [];
  return withField('sessionRules', () => {
    const read = readJsonInput(value, options.readFile ? { readFile: options.readFile } : {});
    return parseSessionRules(options.boxContainerId ? substituteBoxContainer(read, options.boxContainerId) : read, options);
  });
}
