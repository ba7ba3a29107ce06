/**
 * G4 boxes are verified by default: flipping any single bit of a box made by neofs-s3-gw v0.45.0
 * (test/vectors/box/v2.json) never yields a box that opens with a changed token or secret. Each
 * flip either opens to the same token and secret or throws an AccessBoxError. (The gateway, and
 * `verifyTokens: false`, accept many such boxes: the token is signed but only the secret is sealed.)
 * The box's container policies are covered by no signature or seal, in Go either; flips there
 * open with the same token and secret and are only counted.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AccessBoxError, openAccessBox, type OpenedAccessBox } from '../../src/box/box.js';
import { encodeSessionTokenV2 } from '../../src/tokens/session-v2.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const v2 = JSON.parse(readFileSync(join(ROOT, 'test/vectors/box/v2.json'), 'utf8'));
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

type Outcome = 'same' | 'error' | 'changed';
/** Container policies sit outside every signature and seal (in Go too): counted, not failed. */
let policyChanged = 0;

function outcome(box: Uint8Array, key: Uint8Array, want: OpenedAccessBox, verifyTokens: boolean): { kind: Outcome; code?: string } {
  let got: OpenedAccessBox;
  try {
    got = openAccessBox(box, key, { verifyTokens });
  } catch (err) {
    if (!(err instanceof AccessBoxError)) throw err;
    return { kind: 'error', code: err.code };
  }
  if (verifyTokens && JSON.stringify(got.containerPolicies) !== JSON.stringify(want.containerPolicies)) policyChanged++;
  const same =
    got.secretAccessKey === want.secretAccessKey && toHex(encodeSessionTokenV2(got.sessionTokenV2!)) === toHex(encodeSessionTokenV2(want.sessionTokenV2!));
  return { kind: same ? 'same' : 'changed' };
}

describe('G4 box integrity is checked by default', () => {
  const vec = v2.issued[0];
  const box = hex(vec.box);
  const key = hex(v2.gates[vec.gates[0]].privateKey);
  const want = openAccessBox(box, key);

  it(`no single-bit flip of "${vec.name}" opens with a changed token or secret`, () => {
    const counts: Record<string, number> = {};
    let lenientChanged = 0;
    for (let byte = 0; byte < box.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = box.slice();
        flipped[byte]! ^= 1 << bit;
        const r = outcome(flipped, key, want, true);
        expect(r.kind, `byte ${byte} bit ${bit}`).not.toBe('changed');
        counts[r.code ?? r.kind] = (counts[r.code ?? r.kind] ?? 0) + 1;
        if (bit === 0 && outcome(flipped, key, want, false).kind === 'changed') lenientChanged++;
      }
    }
    // The test has teeth: without verification many flips open with a changed token.
    expect(lenientChanged).toBeGreaterThan(0);
    expect(counts.TOKEN_INVALID).toBeGreaterThan(0);
    console.log(`g4 bit flips (${box.length * 8}): ${JSON.stringify(counts)}; lenient (bit 0 of each byte) changed token: ${lenientChanged}; opened with changed container policies: ${policyChanged}`);
  }, 120_000);
});
