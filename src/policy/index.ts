/** `authmate-ts/policy`: placement policies (QL and JSON), eACL tables, session rules, container policies, JSON inputs. */
export * from './placement.js';
export * from './placement-ql.js';
export * from './eacl.js';
export * from './session-rules.js';
export * from './container-policies.js';
export * from './json-input.js';
export { JsonFieldError } from '../util/protojson.js';
export * from './presets.js';
