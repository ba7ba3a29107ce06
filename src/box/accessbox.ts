/**
 * The AccessBox protobuf of neofs-s3-gw (`creds/accessbox/accessbox.proto`, package `accessbox`):
 *
 *   AccessBox       { ownerPublicKey = 1, gates = 2 (repeated Gate), containerPolicy = 3 (repeated), version = 4 }
 *   Gate            { tokens = 1, gatePublicKey = 2 }          (G4 leaves gatePublicKey unset)
 *   ContainerPolicy { locationConstraint = 1, policy = 2 (binary netmap.PlacementPolicy) }
 *   Tokens          { accessKey = 1 (raw 32-byte secret), bearerToken = 2, sessionTokens = 3 (repeated) }   G1–G3 plaintext
 *   TokensV2        { accessKey = 1 (unused), sessionTokenV2 = 2 }                                            G4, not encrypted
 *
 * Go marshals these with the generic protobuf encoder; for these messages (no sub-messages that
 * may be present-but-empty) that equals our field-ordered writer.
 */
import { ProtoMessage, ProtoWriter } from '../neofs/proto/wire.js';

export interface AccessBoxGate {
  /** G1–G3: the sealed `Tokens`; G4: a plain `TokensV2`. */
  tokens: Uint8Array;
  /** 33-byte compressed gate key (G1–G3 only). */
  gatePublicKey?: Uint8Array;
}

export interface ContainerPolicy {
  locationConstraint: string;
  /** Binary `neo.fs.v2.netmap.PlacementPolicy`. */
  policy: Uint8Array;
}

export interface AccessBoxMessage {
  /** The ephemeral key's 33-byte compressed public key. */
  ownerPublicKey: Uint8Array;
  gates: AccessBoxGate[];
  containerPolicies: ContainerPolicy[];
  /** 0 for G1–G3, 1 for G4 (session token v2). */
  version: number;
}

export interface TokensMessage {
  accessKey: Uint8Array;
  bearerToken?: Uint8Array;
  sessionTokens: Uint8Array[];
}

export interface TokensV2Message {
  accessKey?: Uint8Array;
  sessionTokenV2: Uint8Array;
}

export function encodeAccessBoxMessage(box: AccessBoxMessage): Uint8Array {
  const w = new ProtoWriter().bytes(1, box.ownerPublicKey);
  w.repeatedMessages(2, box.gates.map((g) => new ProtoWriter().bytes(1, g.tokens).bytes(2, g.gatePublicKey).finish()));
  w.repeatedMessages(
    3,
    box.containerPolicies.map((p) => new ProtoWriter().string(1, p.locationConstraint).bytes(2, p.policy).finish()),
  );
  return w.uint32(4, box.version).finish();
}

/** Throws the wire reader's errors for bytes that are not protobuf. */
export function decodeAccessBoxMessage(buf: Uint8Array): AccessBoxMessage {
  const m = new ProtoMessage(buf);
  return {
    ownerPublicKey: m.bytes(1) ?? new Uint8Array(),
    gates: m.repeatedBytes(2).map((g) => {
      const gm = new ProtoMessage(g);
      const gate: AccessBoxGate = { tokens: gm.bytes(1) ?? new Uint8Array() };
      const pub = gm.bytes(2);
      if (pub !== undefined) gate.gatePublicKey = pub;
      return gate;
    }),
    containerPolicies: m.repeatedBytes(3).map((p) => {
      const pm = new ProtoMessage(p);
      return { locationConstraint: pm.string(1) ?? '', policy: pm.bytes(2) ?? new Uint8Array() };
    }),
    version: m.number(4) ?? 0,
  };
}

export function encodeTokensMessage(t: TokensMessage): Uint8Array {
  return new ProtoWriter().bytes(1, t.accessKey).bytes(2, t.bearerToken).repeatedBytes(3, t.sessionTokens).finish();
}

/** v0.16–v0.18 wrote a single `sessionToken = 3` with the same wire type: read as repeated. */
export function decodeTokensMessage(buf: Uint8Array): TokensMessage {
  const m = new ProtoMessage(buf);
  const t: TokensMessage = { accessKey: m.bytes(1) ?? new Uint8Array(), sessionTokens: m.repeatedBytes(3) };
  const bearer = m.bytes(2);
  if (bearer !== undefined) t.bearerToken = bearer;
  return t;
}

export function encodeTokensV2Message(t: TokensV2Message): Uint8Array {
  return new ProtoWriter().bytes(1, t.accessKey).bytes(2, t.sessionTokenV2).finish();
}

export function decodeTokensV2Message(buf: Uint8Array): TokensV2Message {
  const m = new ProtoMessage(buf);
  const t: TokensV2Message = { sessionTokenV2: m.bytes(2) ?? new Uint8Array() };
  const ak = m.bytes(1);
  if (ak !== undefined) t.accessKey = ak;
  return t;
}
