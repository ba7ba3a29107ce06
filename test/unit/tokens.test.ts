import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  decodeBearerToken,
  encodeBearerToken,
  encodeBearerTokenBody,
  issueGateBearerToken,
  signBearerToken,
  verifyBearerToken,
} from '../../src/tokens/bearer.js';
import {
  ContainerSessionVerb,
  decodeSessionToken,
  encodeSessionToken,
  encodeSessionTokenBody,
  issueGateSessionToken,
  signSessionToken,
  verifySessionToken,
  type SessionContextV1,
} from '../../src/tokens/session-v1.js';
import {
  SessionVerb,
  buildSessionContextsV2,
  decodeSessionTokenV2,
  encodeSessionTokenV2,
  encodeSessionTokenV2Body,
  signSessionTokenV2,
  validateSessionTokenV2,
  verifySessionTokenV2,
  type SessionTarget,
  type SessionTokenV2,
} from '../../src/tokens/session-v2.js';
import { TokenFormatError } from '../../src/tokens/common.js';
import { asContainerId, asObjectId, asOwnerId } from '../../src/neofs/refs.js';
import { SignatureError } from '../../src/crypto/signature.js';
import { decodeAccessBoxMessage, decodeTokensV2Message } from '../../src/box/accessbox.js';
import { eaclTableFromJSON, encodeEACLTable } from '../../src/policy/eacl.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

interface Key { privateKey: string; publicKey: string; userId: string }
interface Lifetime { iat: number; nbf: number; exp: number }
const v1 = JSON.parse(readFileSync(new URL('../vectors/box/v1.json', import.meta.url), 'utf8')) as {
  user: Key;
  gates: Key[];
  bearer: { name: string; gate: number; rulesJson?: string; eaclTable: string; lifetime: Lifetime; signedData: string; token: string }[];
  sessionV1: {
    name: string; gate: number; kind: 'container' | 'object'; id: string; verb: number;
    containerId?: string; objectIds?: string[]; lifetime: Lifetime; signedData: string; token: string;
  }[];
};
const v2 = JSON.parse(readFileSync(new URL('../vectors/box/v2.json', import.meta.url), 'utf8')) as {
  user: Key;
  gates: Key[];
  issued: { name: string; box: string }[];
  sessionTokensV2: {
    name: string; version: number; appdata: string; subjects: { userId?: string; nnsName?: string }[];
    lifetime: [number, number, number]; contexts: { containerId?: string; verbs: number[] }[];
    final: boolean; signedData: string; token: string;
  }[];
};
const userKey = hex(v1.user.privateKey);

describe('BearerToken vs neofs-sdk-go rc.17', () => {
  for (const vec of v1.bearer) {
    it(`byte-identical: ${vec.name}`, () => {
      const gatePublicKey = hex(v1.gates[vec.gate]!.publicKey);
      const token =
        vec.lifetime.iat === vec.lifetime.nbf
          ? issueGateBearerToken({ eaclTable: hex(vec.eaclTable), gatePublicKey, iat: vec.lifetime.iat, exp: vec.lifetime.exp, userPrivateKey: userKey })
          : signBearerToken({ eaclTable: hex(vec.eaclTable), ownerId: asOwnerId(hex(v1.gates[vec.gate]!.userId)), lifetime: vec.lifetime }, userKey);
      expect(toHex(encodeBearerTokenBody(token))).toBe(vec.signedData);
      expect(toHex(encodeBearerToken(token))).toBe(vec.token);
    });

    it(`decodes Go's token: ${vec.name}`, () => {
      const t = decodeBearerToken(hex(vec.token));
      expect(toHex(t.ownerId!)).toBe(v1.gates[vec.gate]!.userId);
      expect(toHex(t.issuer!)).toBe(v1.user.userId);
      expect(toHex(t.eaclTable!)).toBe(vec.eaclTable);
      expect(t.lifetime).toEqual({ exp: BigInt(vec.lifetime.exp), nbf: BigInt(vec.lifetime.nbf), iat: BigInt(vec.lifetime.iat) });
      expect(() => verifyBearerToken(t)).not.toThrow();
      expect(toHex(encodeBearerToken(t))).toBe(vec.token);
    });
  }

  it('--bearer-rules JSON -> table bytes -> token equals Go (rc.17 eacl.Table.UnmarshalJSON)', () => {
    const vec = v1.bearer.find((b) => b.rulesJson !== undefined)!;
    const table = encodeEACLTable(eaclTableFromJSON(JSON.parse(vec.rulesJson!)));
    expect(toHex(table)).toBe(vec.eaclTable);
    const t = signBearerToken({ eaclTable: table, ownerId: asOwnerId(hex(v1.gates[vec.gate]!.userId)), lifetime: vec.lifetime }, userKey);
    expect(toHex(encodeBearerToken(t))).toBe(vec.token);
  });

  it('the default authmate table is the 72 bytes of protocol.md §8.3', () => {
    // Go's bytes confirm the reference's hand-computed table (version 0.0 present: `0a 00`).
    expect(v1.bearer[0]!.eaclTable).toBe(
      '0a001a0808011001220208031a0808021002220208031a0808031002220208031a0808041002220208031a080805100222020803' +
        '1a0808061002220208031a080807100222020803',
    );
  });

  it('rejects a token whose lifetime was changed after signing', () => {
    const t = decodeBearerToken(hex(v1.bearer[0]!.token));
    t.lifetime = { ...t.lifetime!, exp: 10_000n };
    expect(() => verifyBearerToken(t)).toThrow(SignatureError);
  });

  it('rejects a token whose issuer is not the signer', () => {
    const t = decodeBearerToken(hex(v1.bearer[0]!.token));
    t.issuer = asOwnerId(hex(v1.gates[0]!.userId));
    expect(() => verifyBearerToken(t)).toThrow(/issuer|does not verify/);
  });

  it('a token without the issuer field (SDK < rc.12, g1 boxes) verifies by its key, and a change still breaks it', () => {
    const t = decodeBearerToken(hex(v1.bearer[0]!.token));
    const { issuer: _dropped, signature: _sig, ...body } = t;
    const signed = signBearerToken(body, hex(v1.user.privateKey), undefined, { setIssuer: false });
    expect(signed.issuer).toBeUndefined();
    expect(() => verifyBearerToken(signed)).not.toThrow();
    expect(() => verifyBearerToken({ ...signed, lifetime: { ...signed.lifetime!, exp: 1n } })).toThrow(SignatureError);
  });

  it('says what is wrong with bad bytes', () => {
    expect(() => decodeBearerToken(hex('0a05'))).toThrow(TokenFormatError);
    expect(() => decodeBearerToken(hex('0a05'))).toThrow(/invalid bearer token/);
    // owner_id of 3 bytes
    expect(() => decodeBearerToken(hex('0a0512030a0135'))).toThrow(/bearer token.*25 bytes/);
  });
});

describe('SessionToken v1 vs neofs-sdk-go rc.17', () => {
  for (const vec of v1.sessionV1) {
    const context: SessionContextV1 =
      vec.kind === 'container'
        ? { kind: 'container', verb: vec.verb, ...(vec.containerId ? { containerId: asContainerId(hex(vec.containerId)) } : {}) }
        : { kind: 'object', verb: vec.verb, containerId: asContainerId(hex(vec.containerId!)), objectIds: (vec.objectIds ?? []).map((o) => asObjectId(hex(o))) };

    it(`byte-identical: ${vec.name}`, () => {
      const token = signSessionToken(
        { id: hex(vec.id), lifetime: vec.lifetime, sessionKey: hex(v1.gates[vec.gate]!.publicKey), context },
        userKey,
      );
      expect(toHex(encodeSessionTokenBody(token))).toBe(vec.signedData);
      expect(toHex(encodeSessionToken(token))).toBe(vec.token);
    });

    it(`decodes Go's token: ${vec.name}`, () => {
      const t = decodeSessionToken(hex(vec.token));
      expect(toHex(t.id)).toBe(vec.id);
      expect(toHex(t.ownerId!)).toBe(v1.user.userId);
      expect(toHex(t.sessionKey!)).toBe(v1.gates[vec.gate]!.publicKey);
      expect(t.context).toEqual(context);
      expect(() => verifySessionToken(t)).not.toThrow();
      expect(toHex(encodeSessionToken(t))).toBe(vec.token);
    });
  }

  it('issueGateSessionToken: authmate shape, container ID honoured', () => {
    const vec = v1.sessionV1.find((s) => s.containerId && s.kind === 'container')!;
    const t = issueGateSessionToken({
      verb: ContainerSessionVerb.DELETE,
      containerId: asContainerId(hex(vec.containerId!)),
      gatePublicKey: hex(v1.gates[vec.gate]!.publicKey),
      iat: vec.lifetime.iat,
      exp: vec.lifetime.exp,
      userPrivateKey: userKey,
      id: hex(vec.id),
    });
    expect(toHex(encodeSessionToken(t))).toBe(vec.token);
    const fresh = issueGateSessionToken({ verb: ContainerSessionVerb.PUT, gatePublicKey: hex(v1.gates[0]!.publicKey), iat: 1, exp: 2, userPrivateKey: userKey });
    expect(fresh.id[6]! >> 4).toBe(4);
    // wildcard context: 32 04 08 01 10 01
    expect(toHex(encodeSessionTokenBody(fresh)).endsWith('320408011001')).toBe(true);
  });

  it('rejects bad IDs and contradictory contexts', () => {
    const good = decodeSessionToken(hex(v1.sessionV1[0]!.token));
    const v1id = { ...good, id: hex('8887bee085d619f0adf923148d426d6d') }; // version nibble 1
    expect(() => decodeSessionToken(encodeSessionToken(v1id))).toThrow(/version 4/);
    // container context with wildcard=true and a container ID
    const body = hex('0a108887bee085d649f0adf923148d426d6d' + '322808011001' + '1a220a20' + '11'.repeat(32));
    const both = new Uint8Array([0x0a, body.length, ...body]);
    expect(() => decodeSessionToken(both)).toThrow(/both wildcard and a container/);
    const tampered = { ...good, sessionKey: hex(v1.gates[1]!.publicKey) };
    expect(() => verifySessionToken(tampered)).toThrow(SignatureError);
  });
});

describe('SessionTokenV2 vs neofs-sdk-go rc.21', () => {
  for (const vec of v2.sessionTokensV2) {
    const subjects: SessionTarget[] = vec.subjects.map((s) => (s.userId ? { ownerId: asOwnerId(hex(s.userId)) } : { nnsName: s.nnsName! }));
    const contexts = vec.contexts.map((c) => ({ verbs: c.verbs, ...(c.containerId ? { containerId: asContainerId(hex(c.containerId)) } : {}) }));
    const lifetime = { iat: vec.lifetime[0], nbf: vec.lifetime[1], exp: vec.lifetime[2] };

    it(`byte-identical: ${vec.name}`, () => {
      const t = signSessionTokenV2(
        { version: vec.version, ...(vec.appdata ? { appdata: hex(vec.appdata) } : {}), subjects, lifetime, contexts, final: vec.final },
        userKey,
      );
      expect(toHex(encodeSessionTokenV2Body(t))).toBe(vec.signedData);
      expect(toHex(encodeSessionTokenV2(t))).toBe(vec.token);
      expect(() => validateSessionTokenV2(t)).not.toThrow();
    });

    it(`decodes Go's token: ${vec.name}`, () => {
      const t = decodeSessionTokenV2(hex(vec.token));
      expect(t.subjects).toEqual(subjects);
      expect(t.contexts).toEqual(contexts);
      expect(t.final).toBe(vec.final);
      expect(t.lifetime).toEqual({ iat: BigInt(lifetime.iat), nbf: BigInt(lifetime.nbf), exp: BigInt(lifetime.exp) });
      expect(() => verifySessionTokenV2(t)).not.toThrow();
      expect(toHex(encodeSessionTokenV2(t))).toBe(vec.token);
    });
  }

  it('buildSessionContextsV2 groups rules like authmate v0.45 (vs the Go-issued custom token)', () => {
    // Rules of the "custom rules" vector, in order, plus the SETEACL authmate adds beside PUT.
    const custom = v2.issued.find((i) => i.name.startsWith('custom'))!;
    const goToken = decodeSessionTokenV2(decodeTokensV2Message(decodeAccessBoxMessage(hex(custom.box)).gates[0]!.tokens).sessionTokenV2);
    // The generator's containers A (PUT, OBJECT_PUT) and B (DELETE), as Go put them in the token.
    const a = goToken.contexts.find((c) => c.verbs.includes(SessionVerb.OBJECT_PUT))!.containerId!;
    const b = goToken.contexts.find((c) => c.containerId && c.verbs.join() === `${SessionVerb.CONTAINER_DELETE}`)!.containerId!;
    const ours = buildSessionContextsV2([
      { verb: SessionVerb.CONTAINER_PUT, containerId: a },
      { verb: SessionVerb.OBJECT_GET },
      { verb: SessionVerb.CONTAINER_DELETE, containerId: b },
      { verb: SessionVerb.OBJECT_PUT, containerId: a },
      { verb: SessionVerb.CONTAINER_DELETE },
      { verb: SessionVerb.OBJECT_GET },
      { verb: SessionVerb.CONTAINER_SETEACL },
    ]);
    expect(ours).toEqual(goToken.contexts);
  });

  const base = (): SessionTokenV2 =>
    signSessionTokenV2(
      {
        version: 0,
        subjects: [{ ownerId: asOwnerId(hex(v2.gates[0]!.userId)) }],
        lifetime: { iat: 10, nbf: 10, exp: 20 },
        contexts: [{ verbs: [SessionVerb.OBJECT_GET] }, { containerId: asContainerId(hex('01'.repeat(32))), verbs: [SessionVerb.OBJECT_PUT] }],
        final: false,
      },
      userKey,
    );
  const cases: [string, (t: SessionTokenV2) => void, RegExp][] = [
    ['version 1', (t) => { t.version = 1; }, /version must be 0/],
    ['no subjects', (t) => { t.subjects = []; }, /no subjects/],
    ['9 subjects', (t) => { t.subjects = Array(9).fill(t.subjects[0]); }, /too many subjects/],
    ['nbf after exp', (t) => { t.lifetime = { iat: 10, nbf: 30, exp: 20 }; }, /nbf is after exp/],
    ['no exp', (t) => { t.lifetime = { iat: 10, nbf: 10, exp: 0 }; }, /exp/],
    ['no contexts', (t) => { t.contexts = []; }, /no contexts/],
    ['unsorted verbs', (t) => { t.contexts[0]!.verbs = [3, 2]; }, /sorted ascending/],
    ['unsorted containers', (t) => { t.contexts.reverse(); }, /sorted by container/],
    ['two wildcards', (t) => { t.contexts = [{ verbs: [1] }, { verbs: [2] }]; }, /duplicate wildcard/],
    ['explicit = wildcard verbs', (t) => { t.contexts[1]!.verbs = [SessionVerb.OBJECT_GET]; }, /exactly the wildcard/],
    ['appdata 1025 bytes', (t) => { t.appdata = new Uint8Array(1025); }, /app data/],
    ['unsigned', (t) => { delete t.signature; }, /not signed/],
  ];
  for (const [name, mutate, msg] of cases) {
    it(`validate rejects: ${name}`, () => {
      const t = base();
      expect(() => validateSessionTokenV2(t)).not.toThrow();
      mutate(t);
      expect(() => validateSessionTokenV2(t)).toThrow(msg);
    });
  }
});

