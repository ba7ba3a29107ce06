// NeoFSClient against in-process fake gRPC servers: response signatures, statuses, deadlines.
import { createServer, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server, ServerCredentials, type UntypedServiceImplementation, type ServiceDefinition } from '@grpc/grpc-js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SignatureScheme } from '../../src/crypto/signature.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { encodeNetworkInfo } from '../../src/neofs/netmap.js';
import { encodeObjectHeader, prepareObject, sha256Checksum } from '../../src/neofs/object.js';
import { ProtoMessage, ProtoWriter } from '../../src/neofs/proto/wire.js';
import { API_VERSION, asContainerId, asObjectId, encodeObjectIdMessage, ownerIdFromPublicKey, type ObjectId } from '../../src/neofs/refs.js';
import { encodeResponseMeta, keySigner, signResponse, verifyRequestHeaders } from '../../src/neofs/signing.js';
import { BASIC_ACL_AUTHMATE, encodeContainer, newContainer } from '../../src/neofs/container.js';
import { encodeEACLTable } from '../../src/policy/eacl.js';
import {
  AccessDeniedError,
  ContainerNotFoundError,
  NeoFSTimeoutError,
  NeoFSTransportError,
  ResponseVerificationError,
  StatusCode,
} from '../../src/neofs/status.js';
import { parseEndpoint } from '../../src/neofs/transport.js';
import { encodeSignature } from '../../src/neofs/refs.js';

const userKey = sha256(new TextEncoder().encode('fake server user'));
const nodeSigner = keySigner(sha256(new TextEncoder().encode('fake node')), SignatureScheme.ECDSA_SHA512);
const u64 = (v: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
};

type Handler = (req: Uint8Array) => Uint8Array | Promise<Uint8Array> | 'hang';
const handlers = new Map<string, Handler>();
const received: { path: string; req: Uint8Array }[] = [];

function service(paths: { path: string; stream?: boolean; clientStream?: boolean }[]): ServiceDefinition {
  const def: Record<string, unknown> = {};
  for (const { path, stream, clientStream } of paths) {
    def[path] = {
      path,
      requestStream: !!clientStream,
      responseStream: !!stream,
      requestSerialize: (b: Uint8Array) => Buffer.from(b),
      requestDeserialize: (b: Buffer) => new Uint8Array(b),
      responseSerialize: (b: Uint8Array) => Buffer.from(b),
      responseDeserialize: (b: Buffer) => new Uint8Array(b),
    };
  }
  return def as unknown as ServiceDefinition;
}

const PATHS = [
  { path: '/neo.fs.v2.netmap.NetmapService/NetworkInfo' },
  { path: '/neo.fs.v2.container.ContainerService/Get' },
  { path: '/neo.fs.v2.object.ObjectService/Head' },
  { path: '/neo.fs.v2.object.ObjectService/Get', stream: true },
  { path: '/neo.fs.v2.object.ObjectService/Put', clientStream: true },
  { path: '/neo.fs.v2.container.ContainerService/Put' },
  { path: '/neo.fs.v2.container.ContainerService/Delete' },
  { path: '/neo.fs.v2.container.ContainerService/SetExtendedACL' },
  { path: '/neo.fs.v2.container.ContainerService/GetExtendedACL' },
];
const putMessages: Uint8Array[] = [];

let server: Server;
let endpoint = '';

beforeAll(async () => {
  server = new Server();
  const impl: UntypedServiceImplementation = {};
  for (const { path, stream, clientStream } of PATHS) {
    if (clientStream) {
      impl[path] = (call: NodeJS.ReadableStream, cb: (e: null, r?: Uint8Array) => void) => {
        putMessages.length = 0;
        call.on('data', (m: Uint8Array) => putMessages.push(m));
        call.on('end', async () => cb(null, (await handlers.get(path)!(new Uint8Array())) as Uint8Array));
      };
      continue;
    }
    impl[path] = stream
      ? async (call: { request: Uint8Array; write(b: Uint8Array): void; end(): void }) => {
          received.push({ path, req: call.request });
          const out = await handlers.get(path)!(call.request);
          if (out === 'hang') return;
          for (const m of new ProtoMessage(out).repeatedBytes(1)) call.write(m); // field 1 = one message each
          call.end();
        }
      : async (call: { request: Uint8Array }, cb: (e: null, r?: Uint8Array) => void) => {
          received.push({ path, req: call.request });
          const out = await handlers.get(path)!(call.request);
          if (out !== 'hang') cb(null, out);
        };
  }
  server.addService(service(PATHS), impl);
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
  );
  endpoint = `grpc://127.0.0.1:${port}`;
});

afterAll(() => server.forceShutdown());

const meta = (extra: Parameters<typeof encodeResponseMeta>[0] = {}) => encodeResponseMeta({ epoch: 17, ttl: 1, ...extra });

function networkInfoBody(epoch = 17n) {
  return new ProtoWriter()
    .message(
      1,
      encodeNetworkInfo({
        currentEpoch: epoch,
        magicNumber: 15405,
        msPerBlock: 1000,
        parameters: [
          ['MaxObjectSize', u64(64n << 20n)],
          ['EpochDuration', u64(240n)],
        ],
      }),
    )
    .finish();
}

describe('response verification', () => {
  it('accepts a node-signed (ECDSA_SHA512) response, and the node can verify our request', async () => {
    handlers.set(PATHS[0]!.path, () => signResponse(nodeSigner, networkInfoBody(), meta()));
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const ni = await c.networkInfo();
      expect(ni.currentEpoch).toBe(17n);
      expect(ni.magicNumber).toBe(15405n);
      expect(ni.epochDuration).toBe(240n);
      const req = new ProtoMessage(received.at(-1)!.req);
      expect(req.bytes(1)).toBeUndefined(); // no body, like the Go SDK
      expect(() => verifyRequestHeaders(undefined, req.bytes(2), req.bytes(3)!)).not.toThrow();
    } finally {
      c.close();
    }
  });

  it('rejects a response whose body was changed after signing', async () => {
    handlers.set(PATHS[0]!.path, () => {
      const signed = new ProtoMessage(signResponse(nodeSigner, networkInfoBody(17n), meta()));
      // Same verification header, body now claims epoch 18.
      return new ProtoWriter().message(1, networkInfoBody(18n)).message(2, signed.bytes(2)).message(3, signed.bytes(3)).finish();
    });
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      await expect(c.networkInfo()).rejects.toThrow(ResponseVerificationError);
      await expect(c.networkInfo()).rejects.toThrow(
        /NetmapService.NetworkInfo response from 127.0.0.1:\d+ rejected: response body signature \(depth 0\): ECDSA_SHA512 signature does not verify/,
      );
    } finally {
      c.close();
    }
  });

  it('rejects a tampered signature byte and an unsigned response', async () => {
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      handlers.set(PATHS[0]!.path, () => {
        const r = signResponse(nodeSigner, networkInfoBody(), meta());
        r[r.length - 5]! ^= 0x40; // inside the last (origin) signature
        return r;
      });
      await expect(c.networkInfo()).rejects.toThrow(/origin verification header signature/);
      handlers.set(PATHS[0]!.path, () => new ProtoWriter().message(1, networkInfoBody()).message(2, meta()).finish());
      await expect(c.networkInfo()).rejects.toThrow(/not signed/);
    } finally {
      c.close();
    }
  });
});

describe('withSigner', () => {
  it('shares the connection and the learnt magic, and signs with the new key', async () => {
    handlers.set(PATHS[0]!.path, () => signResponse(nodeSigner, networkInfoBody(), meta()));
    const throwAway = new NeoFSClient({ endpoint, signer: sha256(new TextEncoder().encode('throw-away')), timeoutMs: 2000 });
    try {
      await throwAway.networkInfo(); // learns the magic
      const user = throwAway.withSigner(userKey);
      await user.networkInfo();
      const req = new ProtoMessage(received.at(-1)!.req);
      const metaSigKey = new ProtoMessage(new ProtoMessage(req.bytes(3)!).bytes(2)!).bytes(1)!;
      expect(Buffer.from(metaSigKey)).toEqual(Buffer.from(keySigner(userKey).publicKey));
      expect(new ProtoMessage(req.bytes(2)!).bigint(8)).toBe(15405n); // magic_number, learnt by the first client
      expect(Buffer.from(user.ownerId)).toEqual(Buffer.from(ownerIdFromPublicKey(keySigner(userKey).publicKey)));
    } finally {
      throwAway.close();
    }
  });
});

describe('malformed responses', () => {
  it('reports bytes that are not a response as malformed, naming the call', async () => {
    handlers.set(PATHS[0]!.path, () => Uint8Array.of(0x0a, 0x05, 0x01));
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      await expect(c.networkInfo()).rejects.toThrow(/^NetmapService.NetworkInfo response from 127.0.0.1:\d+ rejected: malformed response: field 1: length 5 overruns the message \(at byte 0\)$/);
      // Signed, but the body is not a NetworkInfo body.
      handlers.set(PATHS[0]!.path, () => signResponse(nodeSigner, Uint8Array.of(0x0a, 0x02, 0x08), meta()));
      await expect(c.networkInfo()).rejects.toThrow(/^NetmapService.NetworkInfo response from 127.0.0.1:\d+ is malformed: field 1: length 2 overruns the message \(at byte 0\)$/);
    } finally {
      c.close();
    }
  });
});

describe('statuses', () => {
  it('maps CONTAINER_NOT_FOUND to ContainerNotFoundError with the node message', async () => {
    handlers.set(PATHS[1]!.path, () =>
      signResponse(nodeSigner, undefined, meta({ status: { code: StatusCode.CONTAINER_NOT_FOUND, message: 'container not found', details: [] } })),
    );
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const err = await c.containerGet(asContainerId(new Uint8Array(32).fill(7))).catch((e) => e);
      expect(err).toBeInstanceOf(ContainerNotFoundError);
      expect(err).toMatchObject({ status: 3072, code: 'CONTAINER_NOT_FOUND' });
      expect(err.message).toMatch(/^ContainerService.Get on 127.0.0.1:\d+: container not found \(CONTAINER_NOT_FOUND\)$/);
    } finally {
      c.close();
    }
  });

  it('reports access denied with its reason', async () => {
    handlers.set(PATHS[2]!.path, () =>
      new ProtoWriter()
        .message(2, meta({ status: { code: 2048, message: 'access to object operation denied', details: [{ id: 0, value: new TextEncoder().encode('bearer token has expired') }] } }))
        .finish(),
    );
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const err = await c.objectHead({ containerId: asContainerId(new Uint8Array(32).fill(1)), objectId: asObjectId(new Uint8Array(32).fill(2)) }).catch((e) => e);
      expect(err.name).toBe('AccessDeniedError');
      expect(err.reason).toBe('bearer token has expired');
      expect(err.message).toMatch(/access denied \(ACCESS_DENIED: access to object operation denied; bearer token has expired\)/);
    } finally {
      c.close();
    }
  });
});

describe('object integrity (unsigned GET/HEAD)', () => {
  const owner = keySigner(userKey);
  const cid = asContainerId(new Uint8Array(32).fill(9));
  const payload = new TextEncoder().encode('payload bytes');
  const obj = prepareObject(
    {
      version: API_VERSION,
      containerId: cid,
      ownerId: ownerIdFromPublicKey(owner.publicKey),
      creationEpoch: 3n,
      payloadLength: BigInt(payload.length),
      payloadHash: sha256Checksum(payload),
      attributes: [{ key: 'FileName', value: 'a.txt' }],
    },
    owner,
  );
  const addr = { containerId: cid, objectId: obj.id };
  const init = (header: Uint8Array) =>
    new ProtoWriter()
      .message(1, new ProtoWriter().message(1, encodeObjectIdMessage(obj.id)).message(2, encodeSignature(obj.signature)).message(3, header).finish())
      .finish();
  const stream = (...bodies: Uint8Array[]) => {
    const w = new ProtoWriter();
    for (const b of bodies) w.message(1, new ProtoWriter().message(1, b).message(2, meta()).finish());
    return w.finish();
  };

  it('returns the object when header, signature and payload check out', async () => {
    handlers.set(PATHS[3]!.path, () => stream(init(obj.header), new ProtoWriter().bytes(2, payload).finish()));
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const got = await c.objectGet(addr);
      expect(got.payload).toEqual(payload);
      expect(got.header.attributes).toEqual([{ key: 'FileName', value: 'a.txt' }]);
    } finally {
      c.close();
    }
  });

  it('rejects a changed payload and a header that does not hash to the ID', async () => {
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const bad = Uint8Array.from(payload);
      bad[0]! ^= 1;
      handlers.set(PATHS[3]!.path, () => stream(init(obj.header), new ProtoWriter().bytes(2, bad).finish()));
      await expect(c.objectGet(addr)).rejects.toThrow(/payload does not match its SHA-256 checksum/);
      const otherHeader = encodeObjectHeader({ containerId: cid, ownerId: ownerIdFromPublicKey(owner.publicKey), attributes: [] });
      handlers.set(PATHS[3]!.path, () => stream(init(otherHeader), new ProtoWriter().bytes(2, payload).finish()));
      await expect(c.objectGet(addr)).rejects.toThrow(/does not hash to the requested object ID/);
    } finally {
      c.close();
    }
  });
});

describe('object put stream', () => {
  it('sends init + 3 MiB chunks, each signed; the node-returned ID must match', async () => {
    const payload = new Uint8Array(7 << 20).map((_, i) => i * 31);
    let answerId: ObjectId | undefined;
    handlers.set(PATHS[4]!.path, () => {
      // What a node checks: every message's signatures, the header hash = object ID.
      for (const raw of putMessages) {
        const m = new ProtoMessage(raw);
        verifyRequestHeaders(m.bytes(1), m.bytes(2), m.bytes(3)!);
      }
      const init = new ProtoMessage(new ProtoMessage(new ProtoMessage(putMessages[0]!).bytes(1)!).bytes(1)!);
      const id = asObjectId(new ProtoMessage(init.bytes(1)!).bytes(1)!);
      expect(sha256(init.bytes(3)!)).toEqual(id);
      return signResponse(nodeSigner, new ProtoWriter().message(1, encodeObjectIdMessage(answerId ?? id)).finish(), meta());
    });
    handlers.set(PATHS[0]!.path, () => signResponse(nodeSigner, networkInfoBody(), meta()));
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 5000 });
    try {
      const id = await c.objectPut({ containerId: asContainerId(new Uint8Array(32).fill(5)), payload, homomorphicHash: false });
      expect(putMessages.length).toBe(4);
      const chunks = putMessages.slice(1).map((raw) => new ProtoMessage(new ProtoMessage(raw).bytes(1)!).bytes(2)!);
      expect(chunks.map((ch) => ch.length)).toEqual([3 << 20, 3 << 20, 1 << 20]);
      expect(Buffer.concat(chunks).equals(Buffer.from(payload))).toBe(true);
      expect(id.length).toBe(32);
      answerId = asObjectId(new Uint8Array(32).fill(1));
      await expect(c.objectPut({ containerId: asContainerId(new Uint8Array(32).fill(5)), payload: payload.subarray(0, 10), homomorphicHash: false })).rejects.toThrow(
        /node returned ID .*, expected/,
      );
    } finally {
      c.close();
    }
  });
});

describe('deadlines', () => {
  it('a peer that accepts TCP but never speaks gRPC times out with a clear error', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent: NetServer = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const c = new NeoFSClient({ endpoint: `127.0.0.1:${port}`, signer: userKey, timeoutMs: 700 });
    const t0 = Date.now();
    try {
      const err = await c.networkInfo().catch((e) => e);
      expect(err).toBeInstanceOf(NeoFSTimeoutError);
      expect(err.message).toMatch(new RegExp(`^NetmapService.NetworkInfo on 127.0.0.1:${port}: no response within 700 ms \\(peer dead or too slow\\)$`));
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      c.close();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('a gRPC peer that never answers times out', async () => {
    handlers.set(PATHS[1]!.path, () => 'hang');
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 500 });
    try {
      await expect(c.containerGet(asContainerId(new Uint8Array(32).fill(7)))).rejects.toThrow(NeoFSTimeoutError);
    } finally {
      c.close();
    }
  });

  it('a closed port fails fast as unavailable', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const c = new NeoFSClient({ endpoint: `127.0.0.1:${port}`, signer: userKey, timeoutMs: 5000 });
    const t0 = Date.now();
    try {
      const err = await c.networkInfo().catch((e) => e);
      expect(err).toBeInstanceOf(NeoFSTransportError);
      expect(err.message).toMatch(/peer unavailable/);
      expect(Date.now() - t0).toBeLessThan(4000);
    } finally {
      c.close();
    }
  });
});

describe('endpoints', () => {
  it('parses host:port, grpc:// and grpcs://, and rejects the rest', () => {
    expect(parseEndpoint('localhost:8080')).toEqual({ target: 'localhost:8080', tls: false });
    expect(parseEndpoint('grpc://10.0.0.1:8080')).toEqual({ target: '10.0.0.1:8080', tls: false });
    expect(parseEndpoint('grpcs://st1.fs.neo.org:8082')).toEqual({ target: 'st1.fs.neo.org:8082', tls: true });
    expect(() => parseEndpoint('localhost')).toThrow(/expected host:port/);
    expect(() => parseEndpoint('http://x:1')).toThrow(/expected host:port/);
  });
});

describe('container writes: send, then poll until visible (CONTAINER_AWAIT_TIMEOUT goes on polling)', () => {
  const cnr = newContainer({ ownerId: ownerIdFromPublicKey(keySigner(userKey).publicKey), basicAcl: BASIC_ACL_AUTHMATE, placementPolicy: Uint8Array.of(0x0a, 0x02, 0x08, 0x01) });
  const cnrBytes = encodeContainer(cnr);
  const status = (code: number) => meta({ status: { code, message: 'from the fake node', details: [] } });
  const getAnswers = (answers: ('found' | 'missing')[]) => {
    let i = 0;
    handlers.set(CNR('Get'), () => {
      const a = answers[Math.min(i++, answers.length - 1)];
      return a === 'found'
        ? signResponse(nodeSigner, new ProtoWriter().message(1, cnrBytes).finish(), meta())
        : signResponse(nodeSigner, undefined, status(StatusCode.CONTAINER_NOT_FOUND));
    });
    return () => i;
  };
  const CNR = (m: string) => `/neo.fs.v2.container.ContainerService/${m}`;
  const wait = (phases: string[]) => ({ pollIntervalMs: 5, timeoutMs: 5000, onProgress: (p: { phase: string }) => phases.push(p.phase) });

  it('Put answered with CONTAINER_AWAIT_TIMEOUT polls Get until the container is there', async () => {
    handlers.set(CNR('Put'), () => signResponse(nodeSigner, new ProtoWriter().finish(), status(StatusCode.CONTAINER_AWAIT_TIMEOUT)));
    const gets = getAnswers(['missing', 'missing', 'found']);
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const phases: string[] = [];
      const id = await c.containerPut(cnr, { wait: wait(phases) });
      expect(gets()).toBe(3);
      expect(phases).toEqual(['sent', 'waiting', 'waiting', 'done']);
      expect(Buffer.from(id)).toEqual(Buffer.from(sha256(cnrBytes)));
      // wait: false does not poll and reports the await time-out.
      await expect(c.containerPut(cnr, { wait: false })).rejects.toThrow(/in time/);
      expect(gets()).toBe(3);
    } finally {
      c.close();
    }
  });

  it('Delete polls until Get says CONTAINER_NOT_FOUND', async () => {
    handlers.set(CNR('Delete'), () => signResponse(nodeSigner, new Uint8Array(), meta()));
    const gets = getAnswers(['found', 'found', 'missing']);
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const phases: string[] = [];
      await c.containerDelete(asContainerId(sha256(cnrBytes)), { wait: wait(phases) });
      expect(gets()).toBe(3);
      expect(phases).toEqual(['sent', 'waiting', 'waiting', 'done']);
    } finally {
      c.close();
    }
  });

  it('SetExtendedACL polls GetExtendedACL through EACL_NOT_FOUND until the same table comes back; other errors end it', async () => {
    const cid = asContainerId(sha256(cnrBytes));
    const table = encodeEACLTable({ version: { major: 2, minor: 21 }, containerId: cid, records: [] });
    handlers.set(CNR('SetExtendedACL'), () => signResponse(nodeSigner, new Uint8Array(), meta()));
    let n = 0;
    handlers.set(CNR('GetExtendedACL'), () =>
      ++n < 3 ? signResponse(nodeSigner, undefined, status(StatusCode.EACL_NOT_FOUND)) : signResponse(nodeSigner, new ProtoWriter().message(1, table).finish(), meta()),
    );
    const c = new NeoFSClient({ endpoint, signer: userKey, timeoutMs: 2000 });
    try {
      const phases: string[] = [];
      await c.containerSetEACL(table, { wait: wait(phases) }); // the container ID comes from the table
      expect(n).toBe(3);
      expect(phases).toEqual(['sent', 'waiting', 'waiting', 'done']);
      handlers.set(CNR('GetExtendedACL'), () => signResponse(nodeSigner, undefined, status(StatusCode.ACCESS_DENIED)));
      await expect(c.containerSetEACL(table, { wait: wait([]) })).rejects.toBeInstanceOf(AccessDeniedError);
    } finally {
      c.close();
    }
  });
});
