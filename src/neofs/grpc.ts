/**
 * A minimal gRPC client over `node:http2` for already-encoded messages: we encode and decode the
 * protobuf ourselves, so all a call needs is the HTTP/2 framing of gRPC (length-prefixed messages,
 * status in trailers). Replaces @grpc/grpc-js at run time, whose protobufjs dependency runs an
 * install script. Only identity encoding; no retries, no name resolution beyond the OS resolver.
 */
import {
  connect as h2connect,
  constants as h2,
  type ClientHttp2Session,
  type ClientHttp2Stream,
  type IncomingHttpHeaders,
  type SecureClientSessionOptions,
} from 'node:http2';

/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

const CODE_NAMES = new Map<number, string>(Object.entries(GrpcCode).map(([k, v]) => [v, k]));

/** `UNAVAILABLE` for 14; the number itself for codes outside the table. */
export function grpcCodeName(code: number): string {
  return CODE_NAMES.get(code) ?? String(code);
}

/** A call that ended with a non-OK status, locally (deadline, connection, framing) or from the peer. */
export class GrpcError extends Error {
  override readonly name = 'GrpcError';
  constructor(
    readonly code: number,
    readonly details: string,
    options?: { cause?: unknown },
  ) {
    super(`${grpcCodeName(code)}: ${details}`, options);
  }
}

/** NeoFS objects are at most MaxObjectSize (64 MiB by default) and nodes stream them in chunks; slack for headers. */
export const DEFAULT_MAX_MESSAGE_BYTES = (64 << 20) + (1 << 20);

export interface ChannelOptions {
  /** Trusted CA certificates for `grpcs://` instead of Node's default store. */
  ca?: string | Buffer | (string | Buffer)[];
  /** Largest response message accepted; a bigger length prefix fails the call before buffering it. */
  maxMessageBytes?: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1; // setTimeout fires at once beyond this
const HIGH_WATER = 16; // queued response messages before the stream is paused (HTTP/2 flow control then holds the peer)
const USER_AGENT = `authmate-ts (node:http2; node ${process.version})`;

/** `grpc-timeout`: at most 8 digits, so large values move to coarser units. */
export function grpcTimeout(ms: number): string {
  const v = Math.max(0, Math.ceil(ms));
  if (v < 1e8) return `${v}m`;
  if (v / 1e3 < 1e8) return `${Math.ceil(v / 1e3)}S`;
  return `${Math.min(99_999_999, Math.ceil(v / 3.6e6))}H`;
}

/** HTTP status of a non-200 response -> gRPC code, as the gRPC HTTP/2 spec maps it. */
function httpToGrpc(status: number): number {
  switch (status) {
    case 400:
      return GrpcCode.INTERNAL;
    case 401:
      return GrpcCode.UNAUTHENTICATED;
    case 403:
      return GrpcCode.PERMISSION_DENIED;
    case 404:
      return GrpcCode.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return GrpcCode.UNAVAILABLE;
    default:
      return GrpcCode.UNKNOWN;
  }
}

/** RST_STREAM code from the peer -> gRPC code. */
function rstToGrpc(code: number): number {
  switch (code) {
    case h2.NGHTTP2_REFUSED_STREAM:
      return GrpcCode.UNAVAILABLE;
    case h2.NGHTTP2_CANCEL:
      return GrpcCode.CANCELLED;
    case h2.NGHTTP2_ENHANCE_YOUR_CALM:
      return GrpcCode.RESOURCE_EXHAUSTED;
    case h2.NGHTTP2_INADEQUATE_SECURITY:
      return GrpcCode.PERMISSION_DENIED;
    default:
      return GrpcCode.INTERNAL;
  }
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // not valid percent-encoding: show it as sent
  }
}

function statusFrom(h: IncomingHttpHeaders): { code: number; details: string } {
  const raw = h['grpc-status'];
  const code = Number(Array.isArray(raw) ? raw[0] : raw);
  const msg = h['grpc-message'];
  const details = percentDecode(String((Array.isArray(msg) ? msg[0] : msg) ?? ''));
  if (!Number.isInteger(code) || code < 0) return { code: GrpcCode.UNKNOWN, details: `invalid grpc-status ${JSON.stringify(raw)}` };
  return { code, details };
}

/**
 * Splits the DATA byte stream into gRPC messages (1 byte compressed flag, 4 bytes big-endian length,
 * the message), whatever the DATA chunk boundaries. Each byte is copied at most once.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private head = 0; // index of the first unread chunk (no Array#shift: O(n) per call with many tiny chunks)
  private buffered = 0;
  private length = -1; // length of the message being read; -1 while reading a prefix

  constructor(private readonly maxBytes = DEFAULT_MAX_MESSAGE_BYTES) {}

  /** Bytes received but not yet part of a whole message (non-zero at the end = truncated). */
  get pending(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Uint8Array[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: Uint8Array[] = [];
    for (;;) {
      if (this.length < 0) {
        if (this.buffered < 5) break;
        const prefix = this.take(5);
        const flag = prefix[0]!;
        const len = prefix.readUInt32BE(1);
        if (flag === 1) throw new GrpcError(GrpcCode.INTERNAL, 'the peer sent a compressed message; only identity encoding is supported');
        if (flag !== 0) throw new GrpcError(GrpcCode.INTERNAL, `invalid gRPC message flag ${flag}`);
        if (len > this.maxBytes) {
          throw new GrpcError(GrpcCode.RESOURCE_EXHAUSTED, `received message of ${len} bytes exceeds the limit of ${this.maxBytes} bytes`);
        }
        this.length = len;
      }
      if (this.buffered < this.length) break;
      const msg = this.take(this.length);
      out.push(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
      this.length = -1;
    }
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    }
    return out;
  }

  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[this.head];
    if (first && first.length >= n) {
      // Common case: within one chunk, no copy.
      if (first.length === n) this.chunks[this.head++] = EMPTY;
      else this.chunks[this.head] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let off = 0;
    while (off < n) {
      const c = this.chunks[this.head]!;
      const k = Math.min(c.length, n - off);
      c.copy(out, off, 0, k);
      off += k;
      if (k === c.length) this.chunks[this.head++] = EMPTY;
      else this.chunks[this.head] = c.subarray(k);
    }
    return out;
  }
}

const EMPTY = Buffer.alloc(0);

/** One call on an open HTTP/2 stream: write framed requests, read framed responses, then the status. */
export class GrpcCall implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private readonly decoder: FrameDecoder;
  private readonly timer: NodeJS.Timeout;
  /** undefined while running; null once ended with OK; the error otherwise. */
  private result: Error | null | undefined;
  private status: { code: number; details: string } | undefined;
  private streamError: Error | undefined;
  private wake: (() => void) | undefined;
  /** Kept: a destroyed stream forgets its session, and settle() must know whether the connection ended. */
  private readonly session: ClientHttp2Stream['session'];

  constructor(
    private readonly stream: ClientHttp2Stream,
    timeoutMs: number,
    maxMessageBytes: number,
  ) {
    this.session = stream.session;
    this.decoder = new FrameDecoder(maxMessageBytes);
    // The timer is what keeps the process alive while a call is pending (the session is unref'd).
    this.timer = setTimeout(() => this.finish(new GrpcError(GrpcCode.DEADLINE_EXCEEDED, 'Deadline exceeded')), Math.min(MAX_TIMER_MS, timeoutMs));
    stream.on('response', (h) => this.onHeaders(h));
    stream.on('trailers', (h) => {
      this.status = statusFrom(h);
    });
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
    stream.on('end', () => this.settle());
    stream.on('error', (e: Error) => {
      this.streamError ??= e;
    });
    stream.on('close', () => this.settle());
  }

  /** True once the call has a result; later writes are dropped. */
  get done(): boolean {
    return this.result !== undefined;
  }

  /** Sends one message; false means wait for `onDrain`. */
  write(msg: Uint8Array): boolean {
    if (this.done) return true;
    const prefix = Buffer.allocUnsafe(5);
    prefix[0] = 0;
    prefix.writeUInt32BE(msg.byteLength, 1);
    this.stream.write(prefix);
    return this.stream.write(msg);
  }

  onDrain(cb: () => void): void {
    this.stream.once('drain', cb);
  }

  /** Half-closes: no more requests. */
  end(): void {
    if (!this.done) this.stream.end();
  }

  /** Ends the call locally (RST_STREAM CANCEL); `reason` becomes the call's error. No-op once done. */
  cancel(reason: Error = new GrpcError(GrpcCode.CANCELLED, 'Cancelled on client')): void {
    this.finish(reason);
  }

  /** Response messages as they arrive; throws the call's error, if any, instead of further messages. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (this.result) throw this.result;
        const m = this.queue.shift();
        if (m) {
          if (this.queue.length < HIGH_WATER / 2 && this.stream.isPaused()) this.stream.resume();
          yield m;
          continue;
        }
        if (this.result === null) return;
        await new Promise<void>((r) => (this.wake = r));
      }
    } finally {
      this.cancel(); // the consumer stopped early (or the call is over: then a no-op)
    }
  }

  /** The single response of a unary or client-streaming call (undefined if the peer sent none). */
  async response(): Promise<Uint8Array | undefined> {
    let res: Uint8Array | undefined;
    let n = 0;
    for await (const m of this) {
      res = m;
      n++;
    }
    if (n > 1) throw new GrpcError(GrpcCode.UNIMPLEMENTED, `expected one response message, got ${n}`);
    return res;
  }

  private onHeaders(h: IncomingHttpHeaders): void {
    const http = Number(h[':status']);
    if (http !== 200) {
      const msg = h['grpc-message'];
      const extra = msg === undefined ? '' : `: ${percentDecode(String(msg))}`;
      this.finish(new GrpcError(httpToGrpc(http), `received HTTP status ${http}${extra}`));
      return;
    }
    if (h['grpc-status'] !== undefined) {
      this.status = statusFrom(h); // trailers-only response: the status comes with the headers
      return;
    }
    const ct = String(h['content-type'] ?? '');
    if (!ct.startsWith('application/grpc')) this.finish(new GrpcError(GrpcCode.UNKNOWN, `unexpected content-type ${JSON.stringify(ct)}`));
  }

  private onData(chunk: Buffer): void {
    if (this.done) return;
    try {
      for (const m of this.decoder.push(chunk)) this.queue.push(m);
    } catch (e) {
      this.finish(e as Error);
      return;
    }
    if (this.queue.length >= HIGH_WATER) this.stream.pause();
    this.wake?.();
  }

  /** The stream's read side ended or the stream closed: the call's outcome is known. */
  private settle(): void {
    if (this.done) return;
    if (this.status) {
      if (this.status.code !== GrpcCode.OK) this.finish(new GrpcError(this.status.code, this.status.details));
      else if (this.decoder.pending > 0) this.finish(new GrpcError(GrpcCode.INTERNAL, 'the response ended inside a message'));
      else this.finish(null);
      return;
    }
    if (!this.stream.closed && !this.stream.destroyed) {
      // Read side ended without trailers (protocol violation) - or 'end' before 'close': wait for close for the cause.
      if (!this.stream.readableEnded) return;
      this.finish(new GrpcError(GrpcCode.INTERNAL, 'the peer ended the response without a gRPC status'));
      return;
    }
    const err = this.streamError;
    const rst = this.stream.rstCode;
    if (err && (err as NodeJS.ErrnoException).code !== 'ERR_HTTP2_STREAM_ERROR') {
      this.finish(new GrpcError(GrpcCode.UNAVAILABLE, err.message, { cause: err }));
    } else if (rst === h2.NGHTTP2_CANCEL && this.session?.destroyed) {
      // node:http2 cancels open streams itself when the connection ends (a killed peer's socket
      // closing cleanly): the peer went away, it did not reset the stream.
      this.finish(new GrpcError(GrpcCode.UNAVAILABLE, 'the connection closed before the response', { cause: err }));
    } else if (rst !== undefined && rst !== h2.NGHTTP2_NO_ERROR) {
      this.finish(new GrpcError(rstToGrpc(rst), `stream reset by the peer with HTTP/2 error code ${rst}`, { cause: err }));
    } else {
      this.finish(new GrpcError(GrpcCode.INTERNAL, 'the peer closed the stream without a gRPC status', { cause: err }));
    }
  }

  private finish(result: Error | null): void {
    if (this.result !== undefined) return;
    this.result = result;
    clearTimeout(this.timer);
    // Stop the peer (deadline, cancel, framing error) or, after its final status, our own unfinished request side.
    if (!this.stream.closed && !this.stream.destroyed) this.stream.close(result ? h2.NGHTTP2_CANCEL : h2.NGHTTP2_NO_ERROR);
    this.wake?.();
  }
}

/**
 * One HTTP/2 connection to one peer, opened on first use and reused by every call. It is unref'd,
 * so an idle channel never keeps the process alive; a closed or GOAWAY'd session is replaced on the
 * next call.
 */
export class GrpcChannel {
  private session: ClientHttp2Session | undefined;
  private ready: Promise<ClientHttp2Session> | undefined;
  private shut = false;
  private connected = false; // `session` finished its handshake
  private waiting = 0; // calls waiting for `ready`
  private readonly maxMessageBytes: number;

  /** `target` is `host:port` (IPv6 in brackets). */
  constructor(
    readonly target: string,
    readonly tls: boolean,
    private readonly options: ChannelOptions = {},
  ) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Starts a call on `path` (`/package.Service/Method`); the deadline covers connecting too. */
  async open(path: string, timeoutMs: number): Promise<GrpcCall> {
    if (this.shut) throw new GrpcError(GrpcCode.UNAVAILABLE, 'the connection was closed');
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const pending = this.connect();
    this.waiting++;
    const session = await new Promise<ClientHttp2Session>((resolve, reject) => {
      timer = setTimeout(() => {
        reject(new GrpcError(GrpcCode.DEADLINE_EXCEEDED, 'Deadline exceeded while connecting'));
        // Nobody else waits for this attempt (e.g. a TLS handshake with a silent peer): abandon it so
        // the next call dials afresh instead of joining an attempt that may never finish.
        if (this.waiting === 1 && this.ready === pending && !this.connected) {
          const stuck = this.session;
          this.drop(stuck);
          stuck?.destroy();
        }
      }, Math.min(MAX_TIMER_MS, timeoutMs));
      pending.then(resolve, (e: Error) => reject(new GrpcError(GrpcCode.UNAVAILABLE, e.message, { cause: e })));
    }).finally(() => {
      clearTimeout(timer);
      this.waiting--;
    });
    const left = deadline - Date.now();
    if (left <= 0) throw new GrpcError(GrpcCode.DEADLINE_EXCEEDED, 'Deadline exceeded while connecting');
    const headers = {
      [h2.HTTP2_HEADER_METHOD]: 'POST',
      [h2.HTTP2_HEADER_PATH]: path,
      [h2.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      [h2.HTTP2_HEADER_TE]: 'trailers',
      [h2.HTTP2_HEADER_USER_AGENT]: USER_AGENT,
      'grpc-timeout': grpcTimeout(left),
      'grpc-accept-encoding': 'identity',
    };
    let stream: ClientHttp2Stream;
    try {
      stream = session.request(headers, { endStream: false });
    } catch (e) {
      // E.g. the session got GOAWAY between connect and request: forget it so the next call reconnects.
      this.drop(session);
      throw new GrpcError(GrpcCode.UNAVAILABLE, (e as Error).message, { cause: e });
    }
    return new GrpcCall(stream, left, this.maxMessageBytes);
  }

  /** Closes the connection after in-flight calls finish; later calls fail. */
  close(): void {
    this.shut = true;
    const s = this.session;
    this.session = undefined;
    this.ready = undefined;
    s?.close();
  }

  private connect(): Promise<ClientHttp2Session> {
    const s = this.session;
    if (s && this.ready && !s.closed && !s.destroyed) return this.ready;
    const opts: SecureClientSessionOptions = {
      settings: { enablePush: false, initialWindowSize: 1 << 20 },
      ...(this.tls && this.options.ca !== undefined ? { ca: this.options.ca } : {}),
    };
    const session = h2connect(`${this.tls ? 'https' : 'http'}://${this.target}`, opts);
    session.unref();
    this.session = session;
    this.connected = false;
    const ready = new Promise<ClientHttp2Session>((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      session.once('error', onError);
      session.once('connect', () => {
        session.off('error', onError);
        if (this.session === session) this.connected = true;
        // A larger connection window than 64 KiB so object GETs are not bound by round trips.
        try {
          session.setLocalWindowSize(8 << 20);
        } catch {
          // only a performance hint
        }
        resolve(session);
      });
      session.once('close', () => reject(new Error('connection closed before it was established')));
    });
    // Later session errors reach the calls through their streams; without a listener they would crash the process.
    session.on('error', () => {});
    session.on('goaway', () => this.drop(session));
    session.on('close', () => this.drop(session));
    ready.catch(() => this.drop(session));
    this.ready = ready;
    return ready;
  }

  private drop(session: ClientHttp2Session | undefined): void {
    if (!session || this.session !== session) return;
    this.session = undefined;
    this.ready = undefined;
  }
}
