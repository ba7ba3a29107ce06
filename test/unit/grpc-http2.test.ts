// Our gRPC-over-node:http2 client (src/neofs/grpc.ts) against raw node:http2 servers that misbehave
// on purpose: odd DATA chunking, trailers-only errors, compressed or oversized frames, silence,
// GOAWAY. (Against a real gRPC server, @grpc/grpc-js's, see neofs-client.test.ts.)
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  constants as h2,
  createSecureServer,
  createServer,
  type Http2Server,
  type Http2SecureServer,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameDecoder, GrpcChannel, GrpcCode, GrpcError, grpcTimeout } from '../../src/neofs/grpc.js';
import { NeoFSTimeoutError, NeoFSTransportError } from '../../src/neofs/status.js';
import { Transport } from '../../src/neofs/transport.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PATH = '/neo.fs.v2.netmap.NetmapService/NetworkInfo';
const GET = '/neo.fs.v2.object.ObjectService/Get';
const PUT = '/neo.fs.v2.object.ObjectService/Put';

const frame = (msg: Uint8Array, flag = 0): Buffer => {
  const p = Buffer.alloc(5);
  p[0] = flag;
  p.writeUInt32BE(msg.length, 1);
  return Buffer.concat([p, msg]);
};
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const tick = () => new Promise<void>((r) => setImmediate(r));
const OK_HEADERS = { ':status': 200, 'content-type': 'application/grpc' };

/** Reads the request's gRPC messages (to its end). */
async function readMessages(stream: ServerHttp2Stream): Promise<Uint8Array[]> {
  const dec = new FrameDecoder();
  const out: Uint8Array[] = [];
  for await (const chunk of stream) out.push(...dec.push(chunk as Buffer));
  return out;
}

type Handler = (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => void | Promise<void>;
interface Fake {
  port: number;
  sessions: ServerHttp2Session[];
  server: Http2Server | Http2SecureServer;
}
const open: Fake[] = [];

async function fake(handler: Handler, tls?: { key: Buffer; cert: Buffer }, host = '127.0.0.1'): Promise<Fake> {
  const server = tls ? createSecureServer({ ...tls, allowHTTP1: false }) : createServer();
  const f: Fake = { port: 0, sessions: [], server };
  server.on('session', (s) => f.sessions.push(s));
  server.on('stream', (stream, headers) => {
    stream.on('error', () => {});
    void Promise.resolve(handler(stream, headers)).catch(() => stream.close(h2.NGHTTP2_INTERNAL_ERROR));
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  f.port = (server.address() as { port: number }).port;
  open.push(f);
  return f;
}

afterEach(async () => {
  for (const f of open.splice(0)) {
    for (const s of f.sessions) s.destroy();
    await new Promise((r) => f.server.close(r));
  }
});

/** Replies with `messages` (framed, then cut into `pieces` as separate writes) and an OK status. */
function reply(messages: Uint8Array[], pieces: (all: Buffer) => Buffer[] = (b) => [b], trailers: Record<string, string> = { 'grpc-status': '0' }): Handler {
  return async (stream) => {
    await readMessages(stream);
    stream.respond(OK_HEADERS, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    for (const p of pieces(Buffer.concat(messages.map((m) => frame(m))))) {
      stream.write(p);
      await tick(); // one DATA frame each
    }
    stream.end();
  };
}

const everyByte = (b: Buffer) => [...b].map((x) => Buffer.of(x));

describe('FrameDecoder', () => {
  it('reassembles messages whatever the chunk boundaries', () => {
    const msgs = [bytes(0), bytes(1), bytes(300, 2), bytes(70_000, 3), bytes(4, 4)];
    const wire = Buffer.concat(msgs.map((m) => frame(m)));
    for (const step of [1, 2, 3, 5, 7, 4096, wire.length]) {
      const dec = new FrameDecoder();
      const got: Uint8Array[] = [];
      for (let i = 0; i < wire.length; i += step) got.push(...dec.push(wire.subarray(i, i + step)));
      expect(got.map((m) => Buffer.from(m).toString('hex'))).toEqual(msgs.map((m) => Buffer.from(m).toString('hex')));
      expect(dec.pending).toBe(0);
    }
  });

  it('refuses compressed and invalid flags and a length over the limit, before buffering it', () => {
    expect(() => new FrameDecoder().push(frame(bytes(3), 1))).toThrow(/compressed message; only identity encoding/);
    expect(() => new FrameDecoder().push(frame(bytes(3), 2))).toThrow(/invalid gRPC message flag 2/);
    const prefix = Buffer.of(0, 0x7f, 0xff, 0xff, 0xff); // 2 GiB announced, nothing sent
    const err = (() => {
      try {
        new FrameDecoder(1024).push(prefix);
      } catch (e) {
        return e as GrpcError;
      }
    })();
    expect(err).toBeInstanceOf(GrpcError);
    expect(err!.code).toBe(GrpcCode.RESOURCE_EXHAUSTED);
    expect(err!.message).toMatch(/message of 2147483647 bytes exceeds the limit of 1024 bytes/);
  });

  it('formats grpc-timeout within 8 digits', () => {
    expect(grpcTimeout(700)).toBe('700m');
    expect(grpcTimeout(99_999_999)).toBe('99999999m');
    expect(grpcTimeout(100_000_000)).toBe('100000S');
    expect(grpcTimeout(1e15)).toBe('99999999H');
  });
});

describe('gRPC over node:http2', () => {
  it('sends a well-formed gRPC request', async () => {
    let seen: IncomingHttpHeaders = {};
    let body: Uint8Array[] = [];
    const f = await fake(async (stream, headers) => {
      seen = headers;
      body = await readMessages(stream);
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(frame(bytes(5, 9)));
    });
    const t = new Transport(`grpc://127.0.0.1:${f.port}`);
    try {
      expect(await t.unary(PATH, bytes(10), 5000)).toEqual(bytes(5, 9));
    } finally {
      t.close();
    }
    expect(seen[':method']).toBe('POST');
    expect(seen[':path']).toBe(PATH);
    expect(seen[':scheme']).toBe('http');
    expect(seen['content-type']).toBe('application/grpc');
    expect(seen['te']).toBe('trailers');
    expect(seen['grpc-timeout']).toMatch(/^\d{1,4}m$/);
    expect(Number(seen['grpc-timeout']!.toString().slice(0, -1))).toBeLessThanOrEqual(5000);
    expect(seen['user-agent']).toMatch(/authmate-ts/);
    expect(body).toEqual([bytes(10)]);
  });

  it('reads a server stream sent one byte per DATA frame, and a message split across frames', async () => {
    const msgs = [bytes(3), bytes(1000, 5), bytes(0), bytes(17, 6)];
    const f = await fake(reply(msgs, everyByte));
    const t = new Transport(`127.0.0.1:${f.port}`);
    try {
      const got: Uint8Array[] = [];
      for await (const m of t.serverStream(GET, bytes(1), 10_000)) got.push(m);
      expect(got).toEqual(msgs);
    } finally {
      t.close();
    }
  });

  it('reads a large message cut at odd offsets, and many messages in one frame', async () => {
    const big = bytes(3 << 20, 7);
    const small = Array.from({ length: 200 }, (_, i) => bytes(i, i));
    const cut = (b: Buffer) => [b.subarray(0, 3), b.subarray(3, 70_001), b.subarray(70_001, 2_000_000), b.subarray(2_000_000)];
    const f = await fake(reply([big], cut));
    const g = await fake(reply(small));
    const t = new Transport(`127.0.0.1:${f.port}`);
    const u = new Transport(`127.0.0.1:${g.port}`);
    try {
      expect(Buffer.from(await t.unary(PATH, bytes(1), 10_000)).equals(Buffer.from(big))).toBe(true);
      const got: Uint8Array[] = [];
      for await (const m of u.serverStream(GET, bytes(1), 10_000)) got.push(m);
      expect(got).toEqual(small);
    } finally {
      t.close();
      u.close();
    }
  });

  it('takes the status of a trailers-only response, percent-decoded', async () => {
    const f = await fake(async (stream) => {
      await readMessages(stream);
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '7', 'grpc-message': 'access%20denied%3A%20100%25%20%F0%9F%94%92' },
        { endStream: true },
      );
    });
    const t = new Transport(`127.0.0.1:${f.port}`);
    try {
      const err = await t.unary(PATH, bytes(1), 5000).catch((e) => e);
      expect(err).toBeInstanceOf(NeoFSTransportError);
      expect(err).not.toBeInstanceOf(NeoFSTimeoutError);
      expect(err.message).toBe(`NetmapService.NetworkInfo on 127.0.0.1:${f.port}: gRPC PERMISSION_DENIED: access denied: 100% 🔒`);
      // The same through a server stream, and UNAVAILABLE / DEADLINE_EXCEEDED from the peer keep their typed messages.
      const it = t.serverStream(GET, bytes(1), 5000);
      await expect(it.next()).rejects.toThrow(/ObjectService.Get on .*: gRPC PERMISSION_DENIED: access denied/);
    } finally {
      t.close();
    }
    for (const [code, re, cls] of [
      ['14', /: peer unavailable: going%away$/, NeoFSTransportError],
      ['4', /: no response within 5000 ms \(peer dead or too slow\)$/, NeoFSTimeoutError],
    ] as const) {
      const g = await fake(async (stream) => {
        await readMessages(stream);
        stream.respond({ ...OK_HEADERS, 'grpc-status': code, 'grpc-message': 'going%25away' }, { endStream: true });
      });
      const u = new Transport(`127.0.0.1:${g.port}`);
      try {
        const err = await u.unary(PATH, bytes(1), 5000).catch((e) => e);
        expect(err).toBeInstanceOf(cls);
        expect(err.message).toMatch(re);
      } finally {
        u.close();
      }
    }
  });

  it('reports a status in trailers after messages, and a non-200 HTTP status', async () => {
    const f = await fake(reply([bytes(2)], undefined, { 'grpc-status': '13', 'grpc-message': 'boom' }));
    const g = await fake(async (stream) => {
      await readMessages(stream);
      stream.respond({ ':status': 503, 'content-type': 'text/plain' });
      stream.end('busy');
    });
    const t = new Transport(`127.0.0.1:${f.port}`);
    const u = new Transport(`127.0.0.1:${g.port}`);
    try {
      await expect(t.unary(PATH, bytes(1), 5000)).rejects.toThrow(/: gRPC INTERNAL: boom$/);
      await expect(u.unary(PATH, bytes(1), 5000)).rejects.toThrow(/: peer unavailable: received HTTP status 503$/);
    } finally {
      t.close();
      u.close();
    }
  });

  it('refuses a compressed response and an oversized one without waiting for its bytes', async () => {
    const f = await fake(async (stream) => {
      await readMessages(stream);
      stream.respond(OK_HEADERS);
      stream.write(frame(bytes(4), 1)); // and then nothing: the client must not wait
    });
    const g = await fake(async (stream) => {
      await readMessages(stream);
      stream.respond(OK_HEADERS);
      stream.write(Buffer.of(0, 0x10, 0, 0, 0)); // announces 256 MiB
    });
    const t = new Transport(`127.0.0.1:${f.port}`);
    const u = new Transport(`127.0.0.1:${g.port}`);
    const t0 = Date.now();
    try {
      await expect(t.unary(PATH, bytes(1), 20_000)).rejects.toThrow(/gRPC INTERNAL: the peer sent a compressed message; only identity encoding is supported/);
      await expect(u.unary(PATH, bytes(1), 20_000)).rejects.toThrow(
        /gRPC RESOURCE_EXHAUSTED: received message of 268435456 bytes exceeds the limit of 68157440 bytes/,
      );
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      t.close();
      u.close();
    }
  });

  it('times out on a server that never answers and cancels the stream (RST_STREAM CANCEL)', async () => {
    const rst: number[] = [];
    const f = await fake((stream) => {
      stream.on('close', () => rst.push(stream.rstCode));
      stream.resume(); // read the request, never respond
    });
    const t = new Transport(`127.0.0.1:${f.port}`);
    const t0 = Date.now();
    try {
      const err = await t.unary(PATH, bytes(1), 300).catch((e) => e);
      expect(err).toBeInstanceOf(NeoFSTimeoutError);
      expect(err.message).toBe(`NetmapService.NetworkInfo on 127.0.0.1:${f.port}: no response within 300 ms (peer dead or too slow)`);
      expect(Date.now() - t0).toBeLessThan(2000);
      // A server stream that stalls after its first message: same deadline, same error.
      const it = t.serverStream(GET, bytes(1), 300);
      await expect(it.next()).rejects.toThrow(NeoFSTimeoutError);
      for (let i = 0; i < 50 && rst.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(rst).toEqual([h2.NGHTTP2_CANCEL, h2.NGHTTP2_CANCEL]);
    } finally {
      t.close();
    }
  });

  it('bounds connecting by the deadline (a TCP peer that never speaks HTTP/2)', async () => {
    const sockets: import('node:net').Socket[] = [];
    // Reads (so it sees our close) but never answers the TLS ClientHello.
    const silent = createNetServer((s) => sockets.push(s.resume()));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const t = new Transport(`grpcs://127.0.0.1:${port}`); // TLS: the handshake itself never completes
    try {
      const err = await t.unary(PATH, bytes(1), 400).catch((e) => e);
      expect(err).toBeInstanceOf(NeoFSTimeoutError);
      expect(err.message).toBe(`NetmapService.NetworkInfo on 127.0.0.1:${port}: no response within 400 ms (peer dead or too slow)`);
      // The stuck attempt is abandoned (its socket closed), and the next call dials afresh.
      const closed = await new Promise<boolean>((r) => {
        if (sockets[0]!.closed) r(true);
        sockets[0]!.once('close', () => r(true));
        setTimeout(() => r(false), 2000);
      });
      expect(closed).toBe(true);
      await expect(t.unary(PATH, bytes(1), 300)).rejects.toThrow(NeoFSTimeoutError);
      expect(sockets.length).toBe(2);
    } finally {
      t.close();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('reports a refused connection and an unknown host as unavailable, naming the cause', async () => {
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const t = new Transport(`127.0.0.1:${port}`);
    try {
      const err = await t.unary(PATH, bytes(1), 5000).catch((e) => e);
      expect(err).toBeInstanceOf(NeoFSTransportError);
      expect(err).not.toBeInstanceOf(NeoFSTimeoutError);
      expect(err.message).toBe(`NetmapService.NetworkInfo on 127.0.0.1:${port}: peer unavailable: connect ECONNREFUSED 127.0.0.1:${port}`);
      // The failed session is forgotten: the next call dials again (and fails the same way).
      await expect(t.unary(PATH, bytes(1), 5000)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      t.close();
    }
    const u = new Transport('no-such-host.invalid:8080');
    try {
      await expect(u.unary(PATH, bytes(1), 5000)).rejects.toThrow(/: peer unavailable: getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid/);
    } finally {
      u.close();
    }
  });

  it('a peer that dies after reading the request (connection closed, no RST_STREAM) is unavailable, not a reset', async () => {
    // What a killed storage node looks like when it had read the whole request: the kernel closes
    // its socket, and node:http2 cancels our stream locally (rstCode CANCEL) as the session ends.
    const f = await fake(async (stream) => {
      await readMessages(stream);
      stream.session!.destroy();
    });
    const t = new Transport(`127.0.0.1:${f.port}`);
    try {
      const err = await t.unary(PUT, bytes(1), 5000).catch((e) => e);
      expect(err).toBeInstanceOf(NeoFSTransportError);
      expect(err).not.toBeInstanceOf(NeoFSTimeoutError);
      expect(err.message).toMatch(new RegExp(`^ObjectService\\.Put on 127\\.0\\.0\\.1:${f.port}: peer unavailable: (the connection closed before the response|read ECONNRESET)$`));
      // A real RST_STREAM CANCEL from a live peer is still reported as the peer's reset.
      const g = await fake(async (stream) => {
        await readMessages(stream);
        stream.close(h2.NGHTTP2_CANCEL);
      });
      const u = new Transport(`127.0.0.1:${g.port}`);
      try {
        await expect(u.unary(PUT, bytes(1), 5000)).rejects.toThrow(/: gRPC CANCELLED: stream reset by the peer with HTTP\/2 error code 8$/);
      } finally {
        u.close();
      }
    } finally {
      t.close();
    }
  });

  it('reuses one session across calls, and reconnects after GOAWAY', async () => {
    const f = await fake(reply([bytes(3)]));
    const t = new Transport(`127.0.0.1:${f.port}`);
    try {
      for (let i = 0; i < 3; i++) expect(await t.unary(PATH, bytes(1), 5000)).toEqual(bytes(3));
      await Promise.all([t.unary(PATH, bytes(1), 5000), t.unary(PATH, bytes(2), 5000)]);
      expect(f.sessions.length).toBe(1);
      f.sessions[0]!.goaway(h2.NGHTTP2_NO_ERROR);
      await new Promise((r) => setTimeout(r, 50));
      expect(await t.unary(PATH, bytes(1), 5000)).toEqual(bytes(3));
      expect(f.sessions.length).toBe(2);
      f.sessions[1]!.destroy(); // connection dropped under us
      await new Promise((r) => setTimeout(r, 50));
      expect(await t.unary(PATH, bytes(1), 5000)).toEqual(bytes(3));
      expect(f.sessions.length).toBe(3);
    } finally {
      t.close();
    }
    await expect(t.unary(PATH, bytes(1), 5000)).rejects.toThrow(/peer unavailable: the connection was closed/);
  });

  it('client stream: sends every message in order, and returns an early answer without sending the rest', async () => {
    let got: Uint8Array[] = [];
    const f = await fake(async (stream) => {
      got = await readMessages(stream);
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(frame(Uint8Array.of(got.length)));
    });
    const chunks = Array.from({ length: 8 }, (_, i) => new Uint8Array(Buffer.alloc(1 << 20, i + 1))); // 8 MiB: back-pressure kicks in
    const hex = (ms: Uint8Array[]) => ms.map((m) => `${m.length}:${m[0]}:${m.at(-1)}:${Buffer.from(m).subarray(1000, 1010).toString('hex')}`);
    const t = new Transport(`127.0.0.1:${f.port}`);
    try {
      expect(await t.clientStream(PUT, chunks, 20_000)).toEqual(Uint8Array.of(8));
      expect(hex(got)).toEqual(hex(chunks)); // not toEqual on 8 MiB of typed arrays: far too slow
    } finally {
      t.close();
    }
    let produced = 0;
    const g = await fake(async (stream) => {
      // Answer (e.g. access denied) after the first message, without reading the rest.
      const dec = new FrameDecoder();
      const onData = (c: Buffer) => {
        if (dec.push(c).length === 0) return;
        stream.off('data', onData);
        stream.pause();
        stream.respond(OK_HEADERS, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        stream.end(frame(bytes(2, 42)));
      };
      stream.on('data', onData);
    });
    const mib = new Uint8Array(1 << 20);
    const endless = function* () {
      for (;;) {
        produced++;
        yield mib;
      }
    };
    const u = new Transport(`127.0.0.1:${g.port}`);
    try {
      expect(await u.clientStream(PUT, endless(), 20_000)).toEqual(bytes(2, 42));
      expect(produced).toBeLessThan(50);
    } finally {
      u.close();
    }
    // A request iterator that throws: its error is the call's error, unwrapped.
    const failing = function* () {
      yield bytes(1);
      throw new Error('signing failed');
    };
    const v = new Transport(`127.0.0.1:${f.port}`);
    try {
      await expect(v.clientStream(PUT, failing(), 5000)).rejects.toThrow(/^signing failed$/);
    } finally {
      v.close();
    }
  });

  it('dials IPv6 [::1]:port', async (ctx) => {
    let f: Fake;
    try {
      f = await fake(reply([bytes(4)]), undefined, '::1');
    } catch {
      ctx.skip(); // no IPv6 loopback here
      return;
    }
    const t = new Transport(`grpc://[::1]:${f.port}`);
    try {
      expect(await t.unary(PATH, bytes(1), 5000)).toEqual(bytes(4));
    } finally {
      t.close();
    }
  });

  it('grpcs:// verifies the certificate: trusted CA works, a self-signed peer is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authmate-h2tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      return; // no openssl: nothing to test with
    }
    const key = readFileSync(join(dir, 'key.pem'));
    const cert = readFileSync(join(dir, 'cert.pem'));
    rmSync(dir, { recursive: true, force: true });
    const f = await fake(reply([bytes(6)]), { key, cert });
    const trusted = new GrpcChannel(`localhost:${f.port}`, true, { ca: cert });
    try {
      const call = await trusted.open(PATH, 5000);
      call.write(bytes(1));
      call.end();
      expect(await call.response()).toEqual(bytes(6));
    } finally {
      trusted.close();
    }
    const t = new Transport(`grpcs://127.0.0.1:${f.port}`);
    try {
      await expect(t.unary(PATH, bytes(1), 5000)).rejects.toThrow(/peer unavailable: .*self[- ]signed certificate/);
    } finally {
      t.close();
    }
  });

  it('leaves no handle open: a process that made a call (and never closed) exits on its own', async () => {
    const dist = join(ROOT, 'dist/neofs/transport.js');
    expect(existsSync(dist), 'run `npm run build` first').toBe(true);
    const f = await fake(reply([bytes(3)]));
    const script = `
      import { Transport } from ${JSON.stringify(dist)};
      const t = new Transport('127.0.0.1:${f.port}');
      const res = await t.unary('${PATH}', new Uint8Array([1]), 5000);
      const got = [];
      for await (const m of t.serverStream('${GET}', new Uint8Array([1]), 5000)) got.push(m.length);
      console.log('ok', res.length, got.join(','));
    `;
    const t0 = Date.now();
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const kill = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.on('exit', (c) => {
        clearTimeout(kill);
        resolve({ code: c, out });
      });
    });
    expect(out.trim()).toBe('ok 3 3');
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(6000);
  });
});
