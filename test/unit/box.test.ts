import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AccessBoxError, buildAccessBox, openAccessBox, type AccessBoxFormat } from '../../src/box/box.js';
import { decodeAccessBoxMessage, decodeTokensV2Message, encodeAccessBoxMessage } from '../../src/box/accessbox.js';
import { MIN_SEALED_LENGTH, SEALED_SECRET_LENGTH, openFromOwner, sealForGate } from '../../src/box/crypto.js';
import { decodeBearerToken } from '../../src/tokens/bearer.js';
import { decodeSessionToken } from '../../src/tokens/session-v1.js';
import { SessionVerb, decodeSessionTokenV2, encodeSessionTokenV2 } from '../../src/tokens/session-v2.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

interface Key { privateKey: string; publicKey: string; userId: string }
const v1 = JSON.parse(readFileSync(new URL('../vectors/box/v1.json', import.meta.url), 'utf8')) as {
  user: Key;
  gates: Key[];
  bearer: { gate: number; token: string; name: string }[];
  sessionV1: { gate: number; token: string; name: string }[];
  boxes: { name: string; format: 'g1' | 'g2' | 'g3'; ephemeralKey: string; secret: string; gates: number[];
    containerPolicies: { locationConstraint: string; policy: string }[] | null; box: string }[];
};
const v2 = JSON.parse(readFileSync(new URL('../vectors/box/v2.json', import.meta.url), 'utf8')) as {
  user: Key;
  gates: Key[];
  issued: { name: string; gates: number[]; secret: string; ephemeralKey: string; box: string }[];
};

/** Replays byte strings as the "random" source, checking each draw has the expected size. */
function replay(chunks: Uint8Array[]) {
  let i = 0;
  return (n: number) => {
    const c = chunks[i++];
    if (c === undefined || c.length !== n) throw new Error(`unexpected random draw ${i - 1} of ${n} bytes`);
    return c;
  };
}

const SALT = 16;
const NONCE = { g1: 24, g2: 24, g3: 12 } as const;

describe('G1–G3 boxes from Go (tools/golden-box/v1)', () => {
  for (const vec of v1.boxes) {
    it(`every gate opens ${vec.name} and finds Go's secret and tokens`, () => {
      for (const gi of vec.gates) {
        const opened = openAccessBox(hex(vec.box), hex(v1.gates[gi]!.privateKey), { verifyTokens: true });
        expect(opened.format).toBe(vec.format);
        expect(opened.secretAccessKey).toBe(vec.secret);
        const bearer = v1.bearer.find((b) => b.gate === gi && b.name.startsWith('default'))!;
        expect(opened.bearerToken).toEqual(decodeBearerToken(hex(bearer.token)));
        const sessions = v1.sessionV1.filter((s) => s.gate === gi && s.name.startsWith('wildcard'));
        expect(opened.sessionTokens).toHaveLength(5);
        expect(opened.sessionTokens).toEqual(sessions.map((s) => decodeSessionToken(hex(s.token))));
        expect(opened.containerPolicies.map((p) => [p.locationConstraint, toHex(p.policy)])).toEqual(
          (vec.containerPolicies ?? []).map((p) => [p.locationConstraint, p.policy]),
        );
      }
    });

    it(`rebuilds ${vec.name} byte for byte from the same inputs`, () => {
      const goBox = decodeAccessBoxMessage(hex(vec.box));
      // Salts and nonces are stored in clear in each gate's blob: replay them.
      const draws = goBox.gates.flatMap((g) => {
        const salt = vec.format === 'g1' ? [] : [g.tokens.subarray(0, SALT)];
        const off = vec.format === 'g1' ? 0 : SALT;
        return [...salt, g.tokens.subarray(off, off + NONCE[vec.format])];
      });
      const built = buildAccessBox({
        format: vec.format,
        secret: hex(vec.secret),
        ephemeralKey: hex(vec.ephemeralKey),
        random: replay(draws),
        containerPolicies: (vec.containerPolicies ?? []).map((p) => ({ locationConstraint: p.locationConstraint, policy: hex(p.policy) })),
        gates: vec.gates.map((gi) => ({
          publicKey: hex(v1.gates[gi]!.publicKey),
          bearerToken: decodeBearerToken(hex(v1.bearer.find((b) => b.gate === gi)!.token)),
          sessionTokens: v1.sessionV1.filter((s) => s.gate === gi && s.name.startsWith('wildcard')).map((s) => decodeSessionToken(hex(s.token))),
        })),
      });
      expect(toHex(built.box)).toBe(vec.box);
      expect(built.secretAccessKey).toBe(vec.secret);
    });
  }
});

describe('G4 boxes from neofs-s3-gw v0.45.0 authmate.IssueSecret (tools/golden-box/v2)', () => {
  for (const vec of v2.issued) {
    it(`every gate opens "${vec.name}"`, () => {
      for (const gi of vec.gates) {
        const opened = openAccessBox(hex(vec.box), hex(v2.gates[gi]!.privateKey), { verifyTokens: true });
        expect(opened.format).toBe('g4');
        expect(opened.secretAccessKey).toBe(vec.secret);
        expect(toHex(opened.sessionTokenV2!.issuer!)).toBe(v2.user.userId);
        expect(opened.sessionTokenV2!.subjects.map((s) => 'ownerId' in s && toHex(s.ownerId))).toEqual(vec.gates.map((g) => v2.gates[g]!.userId));
      }
    });

    it(`rebuilds "${vec.name}" byte for byte (same ephemeral key, secret, salts, nonces, lifetime, contexts)`, () => {
      const goBox = decodeAccessBoxMessage(hex(vec.box));
      const token = decodeSessionTokenV2(decodeTokensV2Message(goBox.gates[0]!.tokens).sessionTokenV2);
      const draws: Uint8Array[] = [];
      for (let off = 0; off < token.appdata!.length; off += SEALED_SECRET_LENGTH) {
        draws.push(token.appdata!.subarray(off, off + SALT), token.appdata!.subarray(off + SALT, off + SALT + 12));
      }
      const built = buildAccessBox({
        format: 'g4',
        secret: hex(vec.secret),
        ephemeralKey: hex(vec.ephemeralKey),
        random: replay(draws),
        containerPolicies: goBox.containerPolicies,
        gates: vec.gates.map((gi) => ({ publicKey: hex(v2.gates[gi]!.publicKey) })),
        sessionTokenV2: { userPrivateKey: hex(v2.user.privateKey), lifetime: token.lifetime!, contexts: token.contexts },
      });
      expect(toHex(built.box)).toBe(vec.box);
    });
  }
});

const gateKeys = v1.gates.map((g) => hex(g.privateKey));
const userKey = hex(v1.user.privateKey);
const secret = hex('5ec7e7'.padEnd(64, '0'));

function ourBox(format: AccessBoxFormat, gates = [0, 1]) {
  const pubs = gates.map((i) => publicKeyFromPrivate(gateKeys[i]!));
  if (format === 'g4') {
    return buildAccessBox({
      format,
      secret,
      gates: pubs.map((publicKey) => ({ publicKey })),
      sessionTokenV2: { userPrivateKey: userKey, lifetime: { iat: 1_700_000_000, nbf: 1_700_000_000, exp: 1_702_592_000 }, contexts: [{ verbs: [SessionVerb.OBJECT_GET] }] },
    }).box;
  }
  return buildAccessBox({
    format,
    secret,
    gates: pubs.map((publicKey, i) => ({
      publicKey,
      bearerToken: decodeBearerToken(hex(v1.bearer[gates[i]!]!.token)),
      sessionTokens: [decodeSessionToken(hex(v1.sessionV1[0]!.token))],
    })),
  }).box;
}

function expectBoxError(fn: () => unknown, code: string, msg: RegExp) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(AccessBoxError);
  expect((err as AccessBoxError).code).toBe(code);
  expect((err as AccessBoxError).message).toMatch(msg);
}

describe('our boxes round-trip', () => {
  for (const format of ['g1', 'g2', 'g3', 'g4'] as const) {
    it(`${format}: each gate opens it, fresh ephemeral key and salts each time`, () => {
      const a = ourBox(format);
      const b = ourBox(format);
      expect(toHex(a)).not.toBe(toHex(b));
      for (const gi of [0, 1]) {
        const opened = openAccessBox(a, gateKeys[gi]!, { verifyTokens: true });
        expect(opened.format).toBe(format);
        expect(opened.secretAccessKey).toBe(toHex(secret));
      }
    });
  }

  it('g4 with 10 gates: two tokens (8 + 2 subjects), every gate opens it', () => {
    const keys = Array.from({ length: 10 }, (_, i) => hex((i + 1).toString(16).padStart(64, '0')));
    const built = buildAccessBox({
      format: 'g4',
      secret,
      gates: keys.map((k) => ({ publicKey: publicKeyFromPrivate(k) })),
      sessionTokenV2: { userPrivateKey: userKey, lifetime: { iat: 1, nbf: 1, exp: 2 }, contexts: [{ verbs: [SessionVerb.OBJECT_PUT] }] },
    });
    expect(built.sessionTokensV2.map((t) => t.subjects.length)).toEqual([8, 2]);
    for (const k of keys) expect(openAccessBox(built.box, k).secretAccessKey).toBe(toHex(secret));
  });
});

describe('clear errors', () => {
  it('a box for other gates lists the gate keys it holds', () => {
    for (const format of ['g1', 'g2', 'g3'] as const) {
      expectBoxError(() => openAccessBox(ourBox(format, [0, 1]), gateKeys[2]!), 'NO_GATE_DATA',
        new RegExp(`no gate data for key ${v1.gates[2]!.publicKey}.*${v1.gates[0]!.publicKey}, ${v1.gates[1]!.publicKey}`));
    }
    expectBoxError(() => openAccessBox(ourBox('g4', [0, 1]), gateKeys[2]!), 'NO_GATE_DATA', /G4 AccessBox \(its subjects are N\w+, N\w+\)/);
  });

  for (const format of ['g1', 'g2', 'g3'] as const) {
    it(`${format}: a flipped ciphertext byte is reported as tampering`, () => {
      const box = decodeAccessBoxMessage(ourBox(format));
      const t = box.gates[0]!.tokens;
      t[t.length - 20]! ^= 0x01;
      expectBoxError(() => openAccessBox(encodeAccessBoxMessage(box), gateKeys[0]!), 'TAMPERED', /does not decrypt as G3, G2 or G1.*modified or damaged/);
      // The other gate's entry is untouched and still opens.
      expect(openAccessBox(encodeAccessBoxMessage(box), gateKeys[1]!).secretAccessKey).toBe(toHex(secret));
    });
  }

  it('g4: a flipped byte in the sealed secret is tampering', () => {
    const box = decodeAccessBoxMessage(ourBox('g4'));
    const tv2 = decodeTokensV2Message(box.gates[0]!.tokens);
    const token = decodeSessionTokenV2(tv2.sessionTokenV2);
    token.appdata![SEALED_SECRET_LENGTH + 40]! ^= 0x80; // gate 1's ciphertext
    box.gates[0]!.tokens = new Uint8Array([0x12, ...varint(encodeSessionTokenV2(token).length), ...encodeSessionTokenV2(token)]);
    const data = encodeAccessBoxMessage(box);
    expectBoxError(() => openAccessBox(data, gateKeys[1]!, { verifyTokens: false }), 'TAMPERED', /G4 AccessBox does not decrypt/);
    expect(openAccessBox(data, gateKeys[0]!, { verifyTokens: false }).secretAccessKey).toBe(toHex(secret));
    // The token's signature no longer matches its body either: refused by default, for every gate.
    expectBoxError(() => openAccessBox(data, gateKeys[0]!), 'TOKEN_INVALID', /gate 0 does not verify: .*signature does not verify/);
  });

  it('truncated boxes are not boxes', () => {
    const box = ourBox('g3');
    for (const n of [5, 40, box.length - 1]) {
      expectBoxError(() => openAccessBox(box.subarray(0, n), gateKeys[0]!), 'NOT_A_BOX', /not an AccessBox/);
    }
    expectBoxError(() => openAccessBox(new Uint8Array(), gateKeys[0]!), 'NOT_A_BOX', /no owner/);
    expectBoxError(() => openAccessBox(hex('0a03010203'), gateKeys[0]!), 'NOT_A_BOX', /not a P-256 point/);
  });

  it('gate data shorter than the scheme minimum is tampering, with the length', () => {
    const box = decodeAccessBoxMessage(ourBox('g3'));
    box.gates[0]!.tokens = box.gates[0]!.tokens.subarray(0, MIN_SEALED_LENGTH.g1 - 1);
    expectBoxError(() => openAccessBox(encodeAccessBoxMessage(box), gateKeys[0]!), 'TAMPERED', /\(39 bytes\)/);
    expect(() => openFromOwner('g3', gateKeys[0]!, publicKeyFromPrivate(userKey), new Uint8Array(43))).toThrow(/43 bytes, at least 44/);
    expect(() => openFromOwner('g2', gateKeys[0]!, publicKeyFromPrivate(userKey), new Uint8Array(55))).toThrow(/at least 56/);
  });

  it('unknown versions and G0 blobs are unsupported', () => {
    const box = decodeAccessBoxMessage(ourBox('g3'));
    box.version = 2;
    expectBoxError(() => openAccessBox(encodeAccessBoxMessage(box), gateKeys[0]!), 'UNSUPPORTED', /version 2/);
    // G0: 32-byte X25519 key, then varint(len) || nonce24 || ct || tag per gate.
    const g0 = new Uint8Array([...new Uint8Array(32).fill(7), 60, ...new Uint8Array(60).fill(9)]);
    expectBoxError(() => openAccessBox(g0, gateKeys[0]!), 'UNSUPPORTED', /G0 box of neofs-authmate v0\.15/);
  });

  it('bad inputs to build/open', () => {
    expectBoxError(() => buildAccessBox({ format: 'g3', secret: new Uint8Array(31), gates: [{ publicKey: publicKeyFromPrivate(gateKeys[0]!) }] }), 'INVALID_INPUT', /32 bytes/);
    expectBoxError(() => buildAccessBox({ format: 'g3', secret, gates: [] }), 'INVALID_INPUT', /at least one gate/);
    expectBoxError(() => buildAccessBox({ format: 'g3', secret, gates: [{ publicKey: new Uint8Array(33).fill(5) }] }), 'INVALID_INPUT', /gate public key 0: compressed public key must start with 0x02 or 0x03/);
    expectBoxError(
      () => buildAccessBox({ format: 'g4', secret, gates: [{ publicKey: publicKeyFromPrivate(gateKeys[0]!) }], sessionTokenV2: { userPrivateKey: userKey, lifetime: { iat: 1, nbf: 1, exp: 2 }, contexts: [] } }),
      'INVALID_INPUT', /no contexts/,
    );
    expectBoxError(() => openAccessBox(ourBox('g3'), new Uint8Array(32)), 'INVALID_INPUT', /gate private key/);
  });

  it('sealForGate draws salt then nonce (Go order) and is 76 bytes for a secret', () => {
    const draws: number[] = [];
    const sealed = sealForGate('g3', userKey, publicKeyFromPrivate(gateKeys[0]!), secret, (n) => (draws.push(n), new Uint8Array(n)));
    expect(draws).toEqual([16, 12]);
    expect(sealed.length).toBe(SEALED_SECRET_LENGTH);
    expect(toHex(openFromOwner('g3', gateKeys[0]!, publicKeyFromPrivate(userKey), sealed))).toBe(toHex(secret));
  });
});

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
