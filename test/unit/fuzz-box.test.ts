/** Property-based fuzzing of AccessBox decoding (all four generations); see fuzz-helpers.ts. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAccessBoxMessage, decodeTokensMessage, decodeTokensV2Message, encodeAccessBoxMessage } from '../../src/box/accessbox.js';
import { buildAccessBox, openAccessBox } from '../../src/box/box.js';
import { hex, mutatedBytes, params, reportCounts, TIMEOUT, typedOrValue } from './fuzz-helpers.js';

const v1 = JSON.parse(readFileSync(new URL('../vectors/box/v1.json', import.meta.url), 'utf8'));
const v2 = JSON.parse(readFileSync(new URL('../vectors/box/v2.json', import.meta.url), 'utf8'));

/** Go-made boxes of every generation, each with the private key of a gate it was made for. */
const boxes: { format: string; box: Uint8Array; key: Uint8Array }[] = [
  ...v1.boxes.map((b: { format: string; box: string; gates: number[] }) => ({ format: b.format, box: hex(b.box), key: hex(v1.gates[b.gates[0]!].privateKey) })),
  ...v2.issued.map((b: { box: string; gates: number[] }) => ({ format: 'g4', box: hex(b.box), key: hex(v2.gates[b.gates[0]!].privateKey) })),
];
const gateKeys: Uint8Array[] = v1.gates.map((g: { privateKey: string }) => hex(g.privateKey));
const gatePubs: Uint8Array[] = v1.gates.map((g: { publicKey: string }) => hex(g.publicKey));

reportCounts('fuzz-box');

describe('fuzz: AccessBox', () => {
  for (const format of ['g1', 'g2', 'g3', 'g4']) {
    const seeds = boxes.filter((b) => b.format === format);
    it(`${format}: a mutated box opens (same or other content) or throws a typed error`, () => {
      fc.assert(
        fc.property(mutatedBytes(seeds.map((s) => s.box), 600), fc.constantFrom(...seeds.map((s) => s.key)), (data, key) => {
          typedOrValue(`openAccessBox ${format} (mutated)`, () => openAccessBox(data, key));
        }),
        params(format === 'g4' ? 40 : 150),
      );
    }, TIMEOUT);
  }

  it('AccessBox/Tokens messages: decode(mutated) re-encodes to bytes that decode to the same value', () => {
    fc.assert(
      fc.property(mutatedBytes(boxes.map((b) => b.box), 600), (data) => {
        const box = typedOrValue('decodeAccessBoxMessage', () => decodeAccessBoxMessage(data));
        if (box !== undefined) expect(decodeAccessBoxMessage(encodeAccessBoxMessage(box))).toEqual(box);
        typedOrValue('decodeTokensMessage', () => decodeTokensMessage(data));
        typedOrValue('decodeTokensV2Message', () => decodeTokensV2Message(data));
      }),
      params(300),
    );
  }, TIMEOUT);

  it('round trip: a G1–G3 box built for random gates and secret opens to that secret for each gate', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('g1', 'g2', 'g3' as const),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uniqueArray(fc.integer({ min: 0, max: gateKeys.length - 1 }), { minLength: 1, maxLength: gateKeys.length }),
        (format, secret, gates) => {
          const built = buildAccessBox({ format: format as 'g1' | 'g2' | 'g3', secret, gates: gates.map((g) => ({ publicKey: gatePubs[g]! })) });
          for (const g of gates) {
            const opened = openAccessBox(built.box, gateKeys[g]!);
            expect([opened.format, opened.secretAccessKey]).toEqual([format, Buffer.from(secret).toString('hex')]);
          }
        },
      ),
      params(30),
    );
  }, TIMEOUT);
});
