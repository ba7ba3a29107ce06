/**
 * gRPC transport for the NeoFS API over @grpc/grpc-js. Messages are passed as already encoded
 * bytes (our stable encoder builds them), so serialisation is the identity. Every call has a
 * deadline; transport failures become `NeoFSTransportError` / `NeoFSTimeoutError`.
 */
import { Client, Metadata, credentials, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { NeoFSTimeoutError, NeoFSTransportError } from './status.js';

export interface Endpoint {
  /** `host:port` as gRPC dials it. */
  target: string;
  tls: boolean;
}

/** Parses `host:port`, `grpc://host:port` (plaintext) or `grpcs://host:port` (TLS). */
export function parseEndpoint(endpoint: string): Endpoint {
  const m = /^(?:(grpcs?):\/\/)?(\[[0-9a-fA-F:.]+\]|[^/:\s]+):(\d{1,5})\/?$/.exec(endpoint.trim());
  if (!m || Number(m[3]) === 0 || Number(m[3]) > 65535) {
    throw new NeoFSTransportError(
      `invalid NeoFS endpoint ${JSON.stringify(endpoint)}: expected host:port, grpc://host:port or grpcs://host:port`,
    );
  }
  return { target: `${m[2]}:${m[3]}`, tls: m[1] === 'grpcs' };
}

/** `/neo.fs.v2.netmap.NetmapService/NetworkInfo` -> `NetmapService.NetworkInfo`. */
export function methodName(path: string): string {
  const [, service = '', method = ''] = path.split('/');
  return `${service.slice(service.lastIndexOf('.') + 1)}.${method}`;
}

const identity = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const fromBuffer = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class Transport {
  readonly endpoint: Endpoint;
  private readonly client: Client;

  constructor(endpoint: string) {
    this.endpoint = parseEndpoint(endpoint);
    this.client = new Client(
      this.endpoint.target,
      this.endpoint.tls ? credentials.createSsl() : credentials.createInsecure(),
      {
        // Nodes accept up to MaxObjectSize + 16 KiB; GET chunks are small, but stay generous.
        'grpc.max_receive_message_length': 128 << 20,
        'grpc.max_send_message_length': 128 << 20,
        // Fail fast on a refused connection instead of retrying silently until the deadline.
        'grpc.initial_reconnect_backoff_ms': 200,
      },
    );
  }

  close(): void {
    this.client.close();
  }

  private error(method: string, err: ServiceError, timeoutMs: number): Error {
    const where = `${methodName(method)} on ${this.endpoint.target}`;
    if (err.code === GrpcStatus.DEADLINE_EXCEEDED) {
      return new NeoFSTimeoutError(`${where}: no response within ${timeoutMs} ms (peer dead or too slow)`, { cause: err });
    }
    if (err.code === GrpcStatus.UNAVAILABLE) {
      return new NeoFSTransportError(`${where}: peer unavailable: ${err.details || err.message}`, { cause: err });
    }
    return new NeoFSTransportError(`${where}: gRPC ${GrpcStatus[err.code] ?? err.code}: ${err.details || err.message}`, {
      cause: err,
    });
  }

  private options(timeoutMs: number) {
    return { deadline: Date.now() + timeoutMs };
  }

  /** One request, one response. `method` is the full path, e.g. `/neo.fs.v2.netmap.NetmapService/NetworkInfo`. */
  unary(method: string, request: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(method, identity, fromBuffer, request, new Metadata(), this.options(timeoutMs), (err, res) => {
        if (err) reject(this.error(method, err, timeoutMs));
        else if (res === undefined) reject(new NeoFSTransportError(`${method}: empty response`));
        else resolve(res);
      });
    });
  }

  /** One request, a stream of responses (object Get). The deadline covers the whole stream. */
  async *serverStream(method: string, request: Uint8Array, timeoutMs: number): AsyncGenerator<Uint8Array> {
    const call = this.client.makeServerStreamRequest(method, identity, fromBuffer, request, new Metadata(), this.options(timeoutMs));
    try {
      for await (const msg of call as AsyncIterable<Uint8Array>) yield msg;
    } catch (err) {
      throw this.error(method, err as ServiceError, timeoutMs);
    } finally {
      call.cancel();
    }
  }

  /**
   * A stream of requests, one response (object Put). Writes respect back-pressure; if the node
   * ends the call early (e.g. access denied on the first message) its answer is returned.
   */
  clientStream(method: string, requests: Iterable<Uint8Array>, timeoutMs: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const call = this.client.makeClientStreamRequest(method, identity, fromBuffer, new Metadata(), this.options(timeoutMs), (err, res) => {
        settled = true;
        if (err) reject(this.error(method, err, timeoutMs));
        else if (res === undefined) reject(new NeoFSTransportError(`${method}: empty response`));
        else resolve(res);
      });
      const it = requests[Symbol.iterator]();
      const pump = (): void => {
        for (;;) {
          if (settled) return;
          const next = it.next();
          if (next.done) {
            call.end();
            return;
          }
          if (!call.write(next.value)) {
            call.once('drain', pump);
            return;
          }
        }
      };
      call.on('error', () => {}); // reported through the callback
      try {
        pump();
      } catch (e) {
        call.cancel();
        reject(e as Error);
      }
    });
  }
}
