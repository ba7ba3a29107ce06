import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { readBearerRules } from '../../src/policy/eacl.js';
import { substituteBoxContainer } from '../../src/policy/json-input.js';
import { readSessionRules } from '../../src/policy/session-rules.js';
import { SessionVerb } from '../../src/tokens/session-v2.js';

const cid = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

describe('%CID: the box container in rules (2021 docs)', () => {
  it('becomes base64 inside {"value": ...} and base58 as a bare string; other values stay', () => {
    const out = substituteBoxContainer({ a: { value: '%CID' }, b: ['%CID', 'x%CID'], c: { value: '%CID', extra: 1 } }, cid);
    expect(out).toEqual({
      a: { value: Buffer.from(cid).toString('base64') },
      b: [bs58.encode(cid), 'x%CID'],
      c: { value: bs58.encode(cid), extra: 1 },
    });
  });

  it('bearer rules name the box container in the table', () => {
    const table = readBearerRules('{"containerID":{"value":"%CID"},"records":[]}', { boxContainerId: cid });
    expect(Buffer.from(table!.containerId!)).toEqual(Buffer.from(cid));
    expect(readBearerRules(undefined)).toBeUndefined();
    expect(() => readBearerRules('{"containerID":{"value":"%CID"},"records":[]}')).toThrow(/^containerID\.value/);
  });

  it('session rules (legacy and current forms) limit a verb to the box container', () => {
    const legacy = readSessionRules('{"verb":"DELETE","wildcard":false,"containerID":{"value":"%CID"}}', {
      generation: 'v0.42',
      boxContainerId: cid,
    });
    expect(legacy).toEqual([{ verb: SessionVerb.CONTAINER_DELETE, containerId: cid }]);
    const current = readSessionRules('[{"verb":"PUT","containerID":"%CID"}]', { generation: 'v0.42', boxContainerId: cid });
    expect(current).toEqual([{ verb: SessionVerb.CONTAINER_PUT, containerId: cid }, { verb: SessionVerb.CONTAINER_SETEACL }]);
  });
});
