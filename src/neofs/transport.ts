/**
 * gRPC transport for the NeoFS API over our own `node:http2` client (./grpc.ts). Messages are
 * passed as already encoded bytes (our stable encoder builds them). Every call has a deadline;
 * transport failures become `NeoFSTransportError` / `NeoFSTimeoutError`.
 */
import { GrpcChannel, GrpcCode, GrpcError, grpcCodeName, type GrpcCall } from './grpc.js';
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

export class Transport {
  readonly endpoint: Endpoint;
  private readonly channel: GrpcChannel;

  constructor(endpoint: string) {
    this.endpoint = parseEndpoint(endpoint);
    this.channel = new GrpcChannel(this.endpoint.target, this.endpoint.tls);
  }

  close(): void {
    this.channel.close();
  }

  /** gRPC failures get the call and peer in front; anything else (e.g. a request iterator's own error) passes through. */
  private error(method: string, err: unknown, timeoutMs: number): Error {
    if (!(err instanceof GrpcError)) return err as Error;
    const where = `${methodName(method)} on ${this.endpoint.target}`;
    if (err.code === GrpcCode.DEADLINE_EXCEEDED) {
      return new NeoFSTimeoutError(`${where}: no response within ${timeoutMs} ms (peer dead or too slow)`, { cause: err });
    }
    if (err.code === GrpcCode.UNAVAILABLE) {
      return new NeoFSTransportError(`${where}: peer unavailable: ${err.details || err.message}`, { cause: err });
    }
    return new NeoFSTransportError(`${where}: gRPC ${grpcCodeName(err.code)}: ${err.details || err.message}`, { cause: err });
  }

  private async open(method: string, timeoutMs: number): Promise<GrpcCall> {
    try {
      return await this.channel.open(method, timeoutMs);
    } catch (err) {
      throw this.error(method, err, timeoutMs);
    }
  }

  private async single(method: string, call: GrpcCall, timeoutMs: number): Promise<Uint8Array> {
    let res: Uint8Array | undefined;
    try {
      res = await call.response();
    } catch (err) {
      throw this.error(method, err, timeoutMs);
    }
    if (res === undefined) throw new NeoFSTransportError(`${method}: empty response`);
    return res;
  }

  /** One request, one response. `method` is the full path, e.g. `/neo.fs.v2.netmap.NetmapService/NetworkInfo`. */
  async unary(method: string, request: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    const call = await this.open(method, timeoutMs);
    call.write(request);
    call.end();
    return this.single(method, call, timeoutMs);
  }

  /** One request, a stream of responses (object Get). The deadline covers the whole stream. */
  async *serverStream(method: string, request: Uint8Array, timeoutMs: number): AsyncGenerator<Uint8Array> {
    const call = await this.open(method, timeoutMs);
    call.write(request);
    call.end();
    try {
      for await (const msg of call) yield msg;
    } catch (err) {
      throw this.error(method, err, timeoutMs);
    } finally {
      call.cancel();
    }
  }

  /**
   * A stream of requests, one response (object Put). Writes respect back-pressure; if the node
   * ends the call early (e.g. access denied on the first message) its answer is returned.
   */
  async clientStream(method: string, requests: Iterable<Uint8Array>, timeoutMs: number): Promise<Uint8Array> {
    const call = await this.open(method, timeoutMs);
    const it = requests[Symbol.iterator]();
    const pump = (): void => {
      try {
        for (;;) {
          if (call.done) return;
          const next = it.next();
          if (next.done) {
            call.end();
            return;
          }
          if (!call.write(next.value)) {
            call.onDrain(pump);
            return;
          }
        }
      } catch (e) {
        call.cancel(e as Error); // the request iterator failed (e.g. signing): that is the call's error
      }
    };
    pump();
    return this.single(method, call, timeoutMs);
  }
}
