/**
 * G1 against upstream code: tools/golden-box/g1-upstream imports the real `creds/accessbox` of
 * neofs-s3-gw v0.23.0 (G1: HKDF-SHA256 without salt/info, XChaCha20-Poly1305, `Tokens` protobuf)
 * with the SDK that release requires (neofs-sdk-go v1.0.0-rc.6.0.20220801165707-7a99cc916c8e).
 *  (a) boxes made by its `accessbox.PackTokens` (test/vectors/box/g1-upstream.json) open in ours
 *      with the same secret, tokens and container policies;
 *  (b) G1 boxes we build open in its `AccessBox.GetBox` (the generator built with `go build`).
 * (b) is skipped locally when no `go` is on PATH (or AUTHMATE_SKIP_GO=1) but FAILS under CI=true.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildAccessBox, openAccessBox } from '../../src/box/box.js';
import { encodeBearerToken, encodeBearerTokenBody, issueGateBearerToken } from '../../src/tokens/bearer.js';
import { checkSignature } from '../../src/crypto/signature.js';
import { ContainerSessionVerb, encodeSessionToken, issueGateSessionToken, verifySessionToken } from '../../src/tokens/session-v1.js';
import { asContainerId, ownerIdFromPublicKey } from '../../src/neofs/refs.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { buildGoTool, goToolBin, hasGo, requireGoInCI } from './go-tools.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

interface Key { privateKey: string; publicKey: string; userId: string }
interface Lifetime { iat: number; nbf: number; exp: number }
interface BearerOut { token: string; issuer: string; owner: string; eaclTable: string; lifetime: Lifetime; signatureOk: boolean }
interface SessionOut {
  token: string; id: string; issuer: string; verb: number; wildcard: boolean; containerId?: string;
  sessionKey: string; lifetime: Lifetime; signatureOk: boolean;
}
interface Opened {
  secret: string;
  bearer: BearerOut;
  sessionTokens: SessionOut[];
  containerPolicies: { locationConstraint: string; policy: string }[];
}
interface Vectors {
  user: Key;
  gates: Key[];
  issued: { name: string; gates: number[]; secret: string; ephemeralKey: string; box: string; opened: Opened[] }[];
}
const vec = JSON.parse(readFileSync(new URL('../vectors/box/g1-upstream.json', import.meta.url), 'utf8')) as Vectors;
const lifetime = (l: { iat: bigint | number; nbf: bigint | number; exp: bigint | number } | undefined) =>
  l === undefined ? undefined : { iat: Number(l.iat), nbf: Number(l.nbf), exp: Number(l.exp) };

describe('neofs-s3-gw v0.23.0 PackTokens boxes (G1) open in ours', () => {
  it('the vectors cover several gates, session tokens, a bound container and policies', () => {
    expect(vec.issued.length).toBeGreaterThanOrEqual(3);
    expect(vec.issued.flatMap((i) => i.opened).length).toBeGreaterThanOrEqual(6);
    expect(vec.issued.some((i) => i.opened.some((o) => o.sessionTokens.some((s) => s.containerId !== undefined)))).toBe(true);
  });

  for (const issued of vec.issued) {
    it(issued.name, () => {
      const box = hex(issued.box);
      for (const [n, gi] of issued.gates.entries()) {
        const want = issued.opened[n]!;
        const got = openAccessBox(box, hex(vec.gates[gi]!.privateKey), { verifyTokens: false });
        expect(got.format).toBe('g1');
        expect(got.secretAccessKey).toBe(issued.secret);
        expect(got.secretAccessKey).toBe(want.secret);
        expect(toHex(got.ephemeralPublicKey)).toBe(toHex(publicKeyFromPrivate(hex(issued.ephemeralKey))));
        expect(got.containerPolicies.map((p) => ({ locationConstraint: p.locationConstraint, policy: toHex(p.policy) }))).toEqual(
          want.containerPolicies,
        );

        // Bearer: byte-identical to what the v0.23.0 SDK re-marshals, same body fields.
        const b = got.bearerToken!;
        expect(toHex(encodeBearerToken(b))).toBe(want.bearer.token);
        expect(toHex(b.ownerId!)).toBe(want.bearer.owner);
        expect(toHex(b.ownerId!)).toBe(vec.gates[gi]!.userId);
        expect(toHex(b.eaclTable!)).toBe(want.bearer.eaclTable);
        expect(lifetime(b.lifetime)).toEqual(want.bearer.lifetime);
        expect(want.bearer.signatureOk).toBe(true);
        // The rc.6 SDK writes no explicit issuer (body field 4 came with rc.12): it is the signer.
        expect(b.issuer).toBeUndefined();
        expect(want.bearer.issuer).toBe(vec.user.userId);

        // Session tokens: same order, bytes, verbs, containers, keys; our verifier accepts them.
        expect(got.sessionTokens.map((t) => toHex(encodeSessionToken(t)))).toEqual(want.sessionTokens.map((s) => s.token));
        got.sessionTokens.forEach((t, i) => {
          const s = want.sessionTokens[i]!;
          expect(t.context).toMatchObject({ kind: 'container', verb: s.verb });
          const cnr = t.context?.kind === 'container' ? t.context.containerId : undefined;
          expect(cnr === undefined ? undefined : toHex(cnr)).toBe(s.containerId);
          expect(toHex(t.id)).toBe(s.id);
          expect(toHex(t.ownerId!)).toBe(s.issuer);
          expect(toHex(t.sessionKey!)).toBe(s.sessionKey);
          expect(toHex(t.sessionKey!)).toBe(vec.gates[gi]!.publicKey);
          expect(lifetime(t.lifetime)).toEqual(s.lifetime);
          expect(s.signatureOk).toBe(true);
        });
      }
      // A gate the box was not made for gets NO_GATE_DATA.
      const outsider = [0, 1, 2].find((i) => !issued.gates.includes(i));
      if (outsider !== undefined) {
        expect(() => openAccessBox(box, hex(vec.gates[outsider]!.privateKey))).toThrow(expect.objectContaining({ code: 'NO_GATE_DATA' }));
      }
    });
  }

  it('our verifiers accept the upstream-made tokens (RFC 6979; the bearer issuer is the signer)', () => {
    for (const issued of vec.issued) {
      for (const gi of issued.gates) {
        const got = openAccessBox(hex(issued.box), hex(vec.gates[gi]!.privateKey));
        got.sessionTokens.forEach((t) => expect(() => verifySessionToken(t)).not.toThrow());
        const b = got.bearerToken!;
        expect(() => checkSignature(b.signature!, encodeBearerTokenBody(b))).not.toThrow();
        expect(toHex(ownerIdFromPublicKey(b.signature!.key))).toBe(vec.user.userId);
      }
    }
  });

  // Bearer tokens of authmate < v0.30.1 have no body.issuer; the gateway derives the user from the
  // signing key, and so does our verifier (obtainSecret verifies tokens by default).
  it('openAccessBox({ verifyTokens: true }) accepts upstream G1 boxes whose bearer has no issuer field', () => {
    const issued = vec.issued[0]!;
    expect(() => openAccessBox(hex(issued.box), hex(vec.gates[issued.gates[0]!]!.privateKey), { verifyTokens: true })).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Upstream opens ours.

const bin = goToolBin('g1-upstream');

function upstreamOpen(box: Uint8Array, gateKey: Uint8Array): Opened {
  const out = execFileSync(bin, ['open', '-gate-key', toHex(gateKey)], { input: box, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  return JSON.parse(out) as Opened;
}

function upstreamOpenError(box: Uint8Array, gateKey: Uint8Array): string {
  const r = spawnSync(bin, ['open', '-gate-key', toHex(gateKey)], { input: box, encoding: 'utf8' });
  expect(r.status).not.toBe(0);
  return r.stderr;
}

requireGoInCI('the G1 upstream cross-check (tools/golden-box/g1-upstream)');

describe.runIf(hasGo)('neofs-s3-gw v0.23.0 opens our G1 boxes', () => {
  const userKey = hex(vec.user.privateKey);
  const gateKeys = vec.gates.map((g) => hex(g.privateKey));
  const secret = hex('0ddba11'.padEnd(64, '7'));
  const container = asContainerId(hex('aa'.repeat(32)));
  const eaclTable = hex(vec.issued[0]!.opened[0]!.bearer.eaclTable); // authmate v0.23.0's default table
  const policy = { locationConstraint: 'rep3', policy: hex(vec.issued[0]!.opened[0]!.containerPolicies[0]!.policy) };

  beforeAll(() => {
    buildGoTool('g1-upstream');
  }, 600_000);

  function build(format: 'g1' | 'g2' | 'g3', gates: number[]) {
    const pubs = gates.map((i) => publicKeyFromPrivate(gateKeys[i]!));
    const tokens = pubs.map((publicKey) => ({
      publicKey,
      // As issueSecret does for g1: no issuer field, which pre-rc.12 SDKs would drop (and the signature with it).
      bearerToken: issueGateBearerToken({ eaclTable, gatePublicKey: publicKey, iat: 7, exp: 99, userPrivateKey: userKey, withIssuer: format !== 'g1' }),
      sessionTokens: [
        issueGateSessionToken({ verb: ContainerSessionVerb.PUT, gatePublicKey: publicKey, iat: 7, exp: 99, userPrivateKey: userKey }),
        issueGateSessionToken({ verb: ContainerSessionVerb.DELETE, containerId: container, gatePublicKey: publicKey, iat: 7, exp: 99, userPrivateKey: userKey }),
        issueGateSessionToken({ verb: ContainerSessionVerb.SETEACL, gatePublicKey: publicKey, iat: 7, exp: 99, userPrivateKey: userKey }),
      ],
    }));
    return { tokens, built: buildAccessBox({ format, secret, gates: tokens, containerPolicies: [policy] }) };
  }

  it('G1 with three gates: every gate gets the secret, our session tokens byte-for-byte and the policy', () => {
    const gates = [2, 0, 1];
    const { tokens, built } = build('g1', gates);
    for (const [n, gi] of gates.entries()) {
      const got = upstreamOpen(built.box, gateKeys[gi]!);
      expect(got.secret).toBe(toHex(secret));
      expect(got.containerPolicies).toEqual([{ locationConstraint: 'rep3', policy: toHex(policy.policy) }]);
      expect(got.sessionTokens).toEqual(
        tokens[n]!.sessionTokens.map((t, i) => ({
          token: toHex(encodeSessionToken(t)),
          id: toHex(t.id),
          issuer: vec.user.userId,
          verb: [1, 2, 3][i],
          wildcard: i !== 1,
          ...(i === 1 ? { containerId: toHex(container) } : {}),
          sessionKey: vec.gates[gi]!.publicKey,
          lifetime: { iat: 7, nbf: 7, exp: 99 },
          signatureOk: true,
        })),
      );
      expect(got.bearer).toMatchObject({
        issuer: vec.user.userId,
        owner: vec.gates[gi]!.userId,
        eaclTable: toHex(eaclTable),
        lifetime: { iat: 7, nbf: 7, exp: 99 },
      });
    }
  });

  it('a gate the G1 box was not made for gets the upstream "no gate data" error', () => {
    const { built } = build('g1', [0]);
    expect(upstreamOpenError(built.box, gateKeys[1]!)).toContain('no gate data for key');
  });

  it('G2 and G3 boxes do not decrypt in the G1 reader (no format negotiation upstream)', () => {
    for (const format of ['g2', 'g3'] as const) {
      const { built } = build(format, [0]);
      expect(upstreamOpenError(built.box, gateKeys[0]!)).toMatch(/decrypt tokens/);
    }
  });

  // g1 bearer tokens carry no body.issuer (field 4, SDK rc.12 / authmate v0.30.1+): the v0.23.0 SDK
  // does not know it and would drop it on re-encoding, breaking the signature.
  it('the v0.23.0 SDK keeps our g1 bearer token intact and its signature verifies', () => {
    const { tokens, built } = build('g1', [0]);
    const got = upstreamOpen(built.box, gateKeys[0]!);
    expect(got.bearer.token).toBe(toHex(encodeBearerToken(tokens[0]!.bearerToken)));
    expect(got.bearer.signatureOk).toBe(true);
  });
});
