/**
 * Go opens our boxes: the generators in tools/golden-box decrypt what we build — v1 (our Go
 * transcription of G1–G3 + neofs-sdk-go rc.17 token decoding and signature checks) and v2 (the
 * real neofs-s3-gw v0.45.0 `creds/accessbox` reader + rc.21 `Token.Validate`). Skipped when no
 * `go` toolchain is on PATH or AUTHMATE_SKIP_GO=1, except under CI=true, where that fails. The first build fetches modules
 * from the Go module proxy into $DEVNET_CACHE (default ~/.cache/authmate-devnet).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildAccessBox } from '../../src/box/box.js';
import { issueGateBearerToken } from '../../src/tokens/bearer.js';
import { ContainerSessionVerb, issueGateSessionToken } from '../../src/tokens/session-v1.js';
import { SessionVerb, buildSessionContextsV2 } from '../../src/tokens/session-v2.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { buildGoTool, goToolBin, hasGo, requireGoInCI } from './go-tools.js';
import { asContainerId } from '../../src/neofs/refs.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');


function goOpen(v: 'v1' | 'v2', box: Uint8Array, gateKey: Uint8Array): Record<string, unknown> {
  const out = execFileSync(goToolBin(v), ['open', '-box', toHex(box), '-gate-key', toHex(gateKey)], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, unknown>;
}

interface Key { privateKey: string; publicKey: string; userId: string }
const vec = JSON.parse(readFileSync(new URL('../vectors/box/v1.json', import.meta.url), 'utf8')) as { user: Key; gates: Key[]; bearer: { eaclTable: string }[] };
const userKey = hex(vec.user.privateKey);
const gateKeys = vec.gates.map((g) => hex(g.privateKey));
const secret = hex('c0ffee'.padEnd(64, '5'));
const container = asContainerId(hex('aa'.repeat(32)));

requireGoInCI('the Go readers of our boxes (tools/golden-box/v1, v2)');

describe.skipIf(!hasGo)('Go reads our AccessBoxes', () => {
  beforeAll(() => {
    for (const v of ['v1', 'v2']) buildGoTool(v);
  }, 600_000);

  for (const format of ['g1', 'g2', 'g3'] as const) {
    it(`${format}: Go decrypts it and the SDK accepts our bearer and session tokens`, () => {
      const gates = [0, 2].map((i) => publicKeyFromPrivate(gateKeys[i]!));
      const built = buildAccessBox({
        format,
        secret,
        gates: gates.map((publicKey) => ({
          publicKey,
          bearerToken: issueGateBearerToken({ eaclTable: hex(vec.bearer[0]!.eaclTable), gatePublicKey: publicKey, iat: 7, exp: 99, userPrivateKey: userKey }),
          sessionTokens: [
            issueGateSessionToken({ verb: ContainerSessionVerb.PUT, gatePublicKey: publicKey, iat: 7, exp: 99, userPrivateKey: userKey }),
            issueGateSessionToken({ verb: ContainerSessionVerb.DELETE, containerId: container, gatePublicKey: publicKey, iat: 7, exp: 99, userPrivateKey: userKey }),
          ],
        })),
      });
      for (const [n, gi] of [0, 2].entries()) {
        const got = goOpen('v1', built.box, gateKeys[gi]!);
        expect(got.format).toBe(format);
        expect(got.secret).toBe(toHex(secret));
        expect(got.bearer).toMatchObject({ issuer: vec.user.userId, owner: vec.gates[gi]!.userId, signatureOk: true, lifetime: { iat: 7, nbf: 7, exp: 99 } });
        expect(got.sessionTokens).toEqual([
          { issuer: vec.user.userId, verb: 1, wildcard: true, sessionKey: toHex(gates[n]!), lifetime: { iat: 7, nbf: 7, exp: 99 }, signatureOk: true },
          { issuer: vec.user.userId, verb: 2, wildcard: false, containerId: toHex(container), sessionKey: toHex(gates[n]!), lifetime: { iat: 7, nbf: 7, exp: 99 }, signatureOk: true },
        ]);
      }
    });
  }

  it('g4: neofs-s3-gw v0.45.0 opens it for every gate, also with 10 gates (two tokens)', () => {
    const keys = [...gateKeys, ...Array.from({ length: 7 }, (_, i) => hex((i + 11).toString(16).padStart(64, '0')))];
    const contexts = buildSessionContextsV2([
      { verb: SessionVerb.CONTAINER_PUT },
      { verb: SessionVerb.OBJECT_GET, containerId: container },
      { verb: SessionVerb.OBJECT_PUT },
    ]);
    const now = 1_760_000_000;
    const built = buildAccessBox({
      format: 'g4',
      secret,
      gates: keys.map((k) => ({ publicKey: publicKeyFromPrivate(k) })),
      sessionTokenV2: { userPrivateKey: userKey, lifetime: { iat: now, nbf: now, exp: now + 3600 }, contexts },
    });
    expect(built.sessionTokensV2).toHaveLength(2);
    for (const k of [keys[0]!, keys[7]!, keys[8]!, keys[9]!]) {
      const got = goOpen('v2', built.box, k);
      expect(got).toMatchObject({ secret: toHex(secret), signatureOk: true, validateError: '', issuer: vec.user.userId });
    }
  });
});
