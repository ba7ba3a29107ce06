/**
 * Bucket names to container IDs through NNS on the FS chain, as neofs-s3-gw's resolver does:
 * the NNS contract is the one with ID 1 (`getcontractstate 1`), and a bucket's container is the
 * TXT record of `<name>[.<namespace>].container`, read with `getRecords(name, TXT)` through a
 * read-only `invokefunction`. Plain JSON-RPC over Node's fetch; every call has a deadline.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { parseContainerId, type ContainerId } from './refs.js';

export type NnsErrorCode =
  | 'RPC_ENDPOINT_INVALID' // the endpoint is not an http(s) URL
  | 'NNS_UNAVAILABLE' // no answer: connection refused, timeout, HTTP error status
  | 'NNS_RESPONSE' // an answer that is not what neo-go sends (bad JSON, JSON-RPC error, odd stack)
  | 'NNS_FAULT' // the contract call failed for another reason than a missing name
  | 'BUCKET_NOT_FOUND' // no such domain, or it has no TXT record
  | 'NNS_RECORD_INVALID'; // the TXT record is not a container ID

export class NnsError extends AuthmateError {
  declare readonly code: NnsErrorCode;

  constructor(code: NnsErrorCode, message: string, options?: AuthmateErrorOptions) {
    super(code, message, options);
  }
}

/** The NNS contract's ID on every NeoFS FS chain (deployed first). */
export const NNS_CONTRACT_ID = 1;
/** `recordtype.TXT`. */
export const NNS_RECORD_TXT = 16;
/** The zone where containers register their names. */
export const CONTAINER_ZONE = 'container';

/** `<name>.<namespace>.container`, or `<name>.container` without a namespace (resolver.nnsContainerDomain). */
export function nnsContainerDomain(name: string, namespace = ''): string {
  return `${name}${namespace === '' ? '' : `.${namespace}`}.${CONTAINER_ZONE}`;
}

export interface NnsClientOptions {
  /** The FS chain's JSON-RPC endpoint, `http(s)://host:port`. */
  endpoint: string;
  /** Deadline of each HTTP call, ms (default 10 000). */
  timeoutMs?: number;
  /** Injected for tests; Node's global fetch by default. */
  fetch?: typeof fetch;
}

/** A stack item as neo-go's RPC server encodes it. */
interface StackItem {
  type: string;
  value?: unknown;
}

/** A read-only NNS client on one RPC endpoint; the contract hash is looked up once. */
export class NnsClient {
  readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private hash: Promise<string> | undefined;
  private nextId = 1;

  constructor(o: NnsClientOptions) {
    let url: URL;
    try {
      url = new URL(o.endpoint);
    } catch {
      throw new NnsError('RPC_ENDPOINT_INVALID', `RPC endpoint ${JSON.stringify(o.endpoint)} is not a URL (e.g. http://localhost:30333)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new NnsError('RPC_ENDPOINT_INVALID', `RPC endpoint ${o.endpoint}: scheme must be http or https, got ${url.protocol.replace(/:$/, '')}`);
    }
    this.endpoint = o.endpoint;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.fetchFn = o.fetch ?? fetch;
  }

  /** One JSON-RPC call; transport failures are NNS_UNAVAILABLE, protocol ones NNS_RESPONSE. */
  async call(method: string, params: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    let res: Response;
    let text: string;
    try {
      // The signal covers the body too: a server that stalls mid-answer still times out.
      const signal = AbortSignal.timeout(this.timeoutMs);
      res = await this.fetchFn(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal,
      });
      text = await res.text();
    } catch (e) {
      const err = e as Error;
      const why = err.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : causeMessage(err);
      throw new NnsError('NNS_UNAVAILABLE', `RPC ${this.endpoint} ${method}: ${why}`, { cause: e });
    }
    if (!res.ok) throw new NnsError('NNS_UNAVAILABLE', `RPC ${this.endpoint} ${method}: HTTP ${res.status} ${res.statusText}`.trimEnd());
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new NnsError('NNS_RESPONSE', `RPC ${this.endpoint} ${method}: the answer is not JSON`, { cause: e });
    }
    if (!isObject(body)) throw new NnsError('NNS_RESPONSE', `RPC ${this.endpoint} ${method}: the answer is not a JSON-RPC object`);
    if (body.error !== undefined) {
      const e = body.error;
      const msg = isObject(e) ? `${String(e.message ?? '')}${e.data ? ` (${String(e.data)})` : ''} [code ${String(e.code)}]` : JSON.stringify(e);
      throw new NnsError('NNS_RESPONSE', `RPC ${this.endpoint} ${method}: ${msg}`);
    }
    if (!('result' in body)) throw new NnsError('NNS_RESPONSE', `RPC ${this.endpoint} ${method}: the answer has neither result nor error`);
    return body.result;
  }

  /** The NNS contract's script hash, `0x`-prefixed big-endian hex as the RPC prints it. */
  contractHash(): Promise<string> {
    this.hash ??= this.call('getcontractstate', [NNS_CONTRACT_ID]).then((r) => {
      const hash = isObject(r) ? r.hash : undefined;
      if (typeof hash !== 'string' || !/^(0x)?[0-9a-fA-F]{40}$/.test(hash)) {
        throw new NnsError('NNS_RESPONSE', `RPC ${this.endpoint} getcontractstate ${NNS_CONTRACT_ID}: no contract hash in the answer`);
      }
      return hash.startsWith('0x') ? hash : `0x${hash}`;
    });
    // A failed lookup is not cached: the next call tries again.
    this.hash.catch(() => (this.hash = undefined));
    return this.hash;
  }

  /** `getRecords(name, type)`: the records of exactly this name (no CNAME following, as the gateway). */
  async getRecords(name: string, type = NNS_RECORD_TXT): Promise<string[]> {
    const hash = await this.contractHash();
    const r = await this.call('invokefunction', [hash, 'getRecords', [{ type: 'String', value: name }, { type: 'Integer', value: String(type) }]]);
    if (!isObject(r) || typeof r.state !== 'string') throw new NnsError('NNS_RESPONSE', `NNS getRecords ${name}: no VM state in the answer`);
    if (r.state !== 'HALT') {
      const exception = typeof r.exception === 'string' ? r.exception : '';
      // The contract panics with "token not found" for a domain that does not exist.
      if (/token not found/i.test(exception)) throw new NnsError('BUCKET_NOT_FOUND', `NNS has no domain ${name}`);
      throw new NnsError('NNS_FAULT', `NNS getRecords ${name}: VM state ${r.state}${exception ? `: ${exception}` : ''}`);
    }
    const stack = r.stack;
    if (!Array.isArray(stack) || stack.length !== 1) throw new NnsError('NNS_RESPONSE', `NNS getRecords ${name}: expected one stack item`);
    return stringArray(stack[0] as StackItem, name);
  }
}

/** `Array` of `ByteString`s (base64) → UTF-8 strings; `Any`/null is an empty list. */
function stringArray(item: StackItem, name: string): string[] {
  const bad = (why: string): never => {
    throw new NnsError('NNS_RESPONSE', `NNS getRecords ${name}: ${why}`);
  };
  if (!isObject(item)) return bad('the stack item is not an object');
  if (item.type === 'Any' && (item.value === undefined || item.value === null)) return [];
  if (item.type !== 'Array' && item.type !== 'Struct') return bad(`expected an Array, got ${String(item.type)}`);
  if (!Array.isArray(item.value)) return bad('the Array has no elements list');
  return item.value.map((el: unknown, i) => {
    if (!isObject(el) || (el.type !== 'ByteString' && el.type !== 'Buffer') || typeof el.value !== 'string') {
      return bad(`element ${i} is not a ByteString`);
    }
    const bytes = Buffer.from(el.value, 'base64');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return bad(`element ${i} is not UTF-8`);
    }
  });
}

export interface ResolveBucketOptions extends NnsClientOptions {
  /** The bucket (container) name. */
  bucket: string;
  /** The gateway's namespace; empty or absent for the default zone. */
  namespace?: string;
}

/** The container of a bucket: the first TXT record of its NNS domain, as the gateway reads it. */
export async function resolveBucketContainer(o: ResolveBucketOptions & { client?: NnsClient }): Promise<ContainerId> {
  const client = o.client ?? new NnsClient(o);
  const domain = nnsContainerDomain(o.bucket, o.namespace);
  const records = await client.getRecords(domain, NNS_RECORD_TXT);
  if (records.length === 0) throw new NnsError('BUCKET_NOT_FOUND', `NNS domain ${domain} has no TXT record`);
  try {
    return parseContainerId(records[0]!);
  } catch (e) {
    throw new NnsError('NNS_RECORD_INVALID', `NNS domain ${domain}: TXT record ${JSON.stringify(records[0])} is not a container ID: ${(e as Error).message}`, { cause: e });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND) in `cause`. */
function causeMessage(e: Error): string {
  const c = e.cause as { code?: string; message?: string } | undefined;
  return c?.code ?? c?.message ?? e.message;
}
