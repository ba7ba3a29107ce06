/**
 * `--container-policy`: a JSON object mapping an S3 LocationConstraint to a placement policy
 * (authmate.md §4.4). Each policy is tried as the query language first, then as protojson, as
 * authmate's `checkPolicy` does; the AccessBox stores the stable binary encoding.
 *
 * Differences from Go v0.42, on purpose: dangling FROM/IN references and `Verify` limit
 * violations are refused here (Go stores them and the gateway fails at CreateBucket); a policy
 * may also be given as an embedded JSON object instead of a JSON string holding JSON.
 */
import { withField } from '../errors.js';
import { parseJson, readJsonInput } from './json-input.js';
import { encodePlacementPolicy, placementPolicyFromJSON, verifyPlacementPolicy, type PlacementPolicy } from './placement.js';
import { parsePlacementPolicy } from './placement-ql.js';
import { JsonFieldError, describe, type JsonValue } from '../util/protojson.js';

/** The gateway's own constraint (api.DefaultLocationConstraint); overriding it is refused (#463). */
export const DEFAULT_LOCATION_CONSTRAINT = 'default';

/** Structurally an AccessBox `ContainerPolicy` (src/box) plus the parsed value. */
export interface ParsedContainerPolicy {
  locationConstraint: string;
  /** Stable `PlacementPolicy` bytes, as stored in `AccessBox.containerPolicy[].policy`. */
  policy: Uint8Array;
  placement: PlacementPolicy;
}

/** The code of a placement policy inside the mapping that does not parse or verify (Go fails it later than the mapping). */
export const CONTAINER_POLICY_INVALID = 'CONTAINER_POLICY_INVALID';

function why(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One policy value: QL text, protojson text, or (our extension) a protojson object. */
export function parseContainerPolicyValue(value: JsonValue, path: string): PlacementPolicy {
  let policy: PlacementPolicy;
  if (typeof value === 'string') {
    try {
      policy = parsePlacementPolicy(value);
    } catch (qlErr) {
      let json: JsonValue;
      try {
        json = parseJson(value, { duplicateKeys: 'error' });
      } catch (jsonErr) {
        // Report the error of the form the text looks like.
        const reason = /^\s*\{/.test(value) ? `invalid policy JSON at ${why(jsonErr)}` : why(qlErr);
        throw new JsonFieldError(path, reason, undefined, CONTAINER_POLICY_INVALID);
      }
      policy = placementPolicyFromJSON(json, path);
    }
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    policy = placementPolicyFromJSON(value, path);
  } else {
    throw new JsonFieldError(path, `expected a placement policy string, got ${describe(value)}`);
  }
  try {
    verifyPlacementPolicy(policy);
  } catch (err) {
    throw new JsonFieldError(path, why(err), undefined, CONTAINER_POLICY_INVALID);
  }
  return policy;
}

/** Reads the parsed `--container-policy` JSON object, in document order. */
export function parseContainerPolicies(json: JsonValue): ParsedContainerPolicy[] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new JsonFieldError('', `expected an object like {"<LocationConstraint>": "<policy>"}, got ${describe(json)}`);
  }
  return Object.entries(json).map(([locationConstraint, value]) => {
    if (locationConstraint === DEFAULT_LOCATION_CONSTRAINT) {
      throw new JsonFieldError(locationConstraint, `config overrides ${DEFAULT_LOCATION_CONSTRAINT} location constraint`);
    }
    const policy = parseContainerPolicyValue(value, locationConstraint);
    return { locationConstraint, policy: encodePlacementPolicy(policy), placement: policy };
  });
}

/** Container policies as authmate takes them: JSON text or a file; errors carry `field: 'containerPolicies'`. */
export function readContainerPolicies(value: string | undefined, options: { readFile?: (path: string) => string } = {}): ParsedContainerPolicy[] {
  if (value === undefined || value === '') return [];
  return withField('containerPolicies', () => parseContainerPolicies(readJsonInput(value, options)));
}
