import { AuthmateError, ExitCode } from '../errors.js';
import { NeoFSClient } from '../neofs/client.js';
import { formatDuration } from '../util/duration.js';
import type { CliContext } from './context.js';

/** Dials the peer and asks for the network info, so an unreachable peer fails early with exit 2. */
export async function connect(peer: string, key: Uint8Array, dialMs: number, ctx: CliContext): Promise<NeoFSClient> {
  let client: NeoFSClient;
  try {
    client = new NeoFSClient({ endpoint: peer, signer: key, timeoutMs: ctx.timeoutMs });
  } catch (err) {
    throw AuthmateError.wrap('failed to create NeoFS component', err, ExitCode.NeoFS);
  }
  try {
    const net = await client.networkInfo({ timeoutMs: Math.min(dialMs, ctx.timeoutMs) });
    ctx.debug(`connected to ${peer}: epoch ${net.currentEpoch}, magic ${net.magicNumber}`);
  } catch (err) {
    client.close();
    // grpc-js ends connection errors with an empty "Resolution note: "; drop it.
    const msg = (err instanceof Error ? err.message : String(err)).replace(/\.?\s*Resolution note:\s*$/, '');
    throw new AuthmateError(`failed to create NeoFS component: peer ${peer}: ${msg}`, ExitCode.NeoFS, { cause: err });
  }
  return client;
}

/** Runs `work` under an overall deadline (`--timeout`). */
export async function withDeadline<T>(ms: number, context: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuthmateError(`${context}: timed out after ${formatDuration(ms)} (raise --timeout)`, ExitCode.Issue)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
