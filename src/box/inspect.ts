/**
 * Reading an AccessBox without any key: what anyone who can read the object sees. G1–G3 boxes
 * name their gate keys but seal everything else per gate (the cipher, hence the exact
 * generation, shows only to a gate key); G4 boxes keep their session tokens in the clear (only
 * the secret inside `appdata` is sealed), so their tokens are decoded here.
 */
import { parsePublicKey } from '../crypto/keys.js';
import { decodeSessionTokenV2, type SessionTokenV2 } from '../tokens/session-v2.js';
import { decodeAccessBoxMessage, decodeTokensV2Message, type ContainerPolicy } from './accessbox.js';
import { ACCESS_BOX_VERSION_SESSION_V2, AccessBoxError } from './box.js';

export interface AccessBoxOutlineV1 {
  version: 0;
  /** The cipher (G1, G2 or G3) is only known after a gate opens its entry. */
  generation: 'g1-g3';
  ephemeralPublicKey: Uint8Array;
  gates: { gatePublicKey: Uint8Array; sealedBytes: number }[];
  containerPolicies: ContainerPolicy[];
}

export interface AccessBoxOutlineV2 {
  version: 1;
  generation: 'g4';
  ephemeralPublicKey: Uint8Array;
  /** One session token v2 per gate entry (up to 8 subjects each), as stored. */
  gates: { sessionTokenV2: SessionTokenV2 }[];
  containerPolicies: ContainerPolicy[];
}

export type AccessBoxOutline = AccessBoxOutlineV1 | AccessBoxOutlineV2;

const notABox = (why: string, cause?: unknown): AccessBoxError =>
  new AccessBoxError('NOT_A_BOX', `not an AccessBox: ${why}`, cause === undefined ? undefined : { cause });

/**
 * Decodes the box message and checks that it is one: a P-256 ephemeral key, a known version, at
 * least one gate, and per gate a P-256 key (G1–G3) or a session token v2 (G4). Anything else is
 * `NOT_A_BOX` (or `UNSUPPORTED` for an unknown version), so arbitrary objects are told apart.
 */
export function outlineAccessBox(data: Uint8Array): AccessBoxOutline {
  let box;
  try {
    box = decodeAccessBoxMessage(data);
  } catch (err) {
    throw notABox((err as Error).message, err);
  }
  try {
    parsePublicKey(box.ownerPublicKey);
  } catch {
    throw notABox(`its owner (ephemeral) public key (${box.ownerPublicKey.length} bytes) is not a P-256 point`);
  }
  if (box.gates.length === 0) throw notABox('it has no gate entries');
  if (box.version === ACCESS_BOX_VERSION_SESSION_V2) {
    const gates = box.gates.map((g, i) => {
      try {
        return { sessionTokenV2: decodeSessionTokenV2(decodeTokensV2Message(g.tokens).sessionTokenV2) };
      } catch (err) {
        throw notABox(`G4 gate entry ${i} does not hold a session token v2: ${(err as Error).message}`, err);
      }
    });
    return { version: 1, generation: 'g4', ephemeralPublicKey: box.ownerPublicKey, gates, containerPolicies: box.containerPolicies };
  }
  if (box.version !== 0) {
    throw new AccessBoxError('UNSUPPORTED', `unsupported AccessBox version ${box.version} (known: 0 = G1–G3, 1 = G4)`);
  }
  const gates = box.gates.map((g, i) => {
    if (g.gatePublicKey === undefined) throw notABox(`gate entry ${i} names no gate key`);
    try {
      parsePublicKey(g.gatePublicKey);
    } catch {
      throw notABox(`gate entry ${i}: its key (${g.gatePublicKey.length} bytes) is not a P-256 point`);
    }
    return { gatePublicKey: g.gatePublicKey, sealedBytes: g.tokens.length };
  });
  return { version: 0, generation: 'g1-g3', ephemeralPublicKey: box.ownerPublicKey, gates, containerPolicies: box.containerPolicies };
}
