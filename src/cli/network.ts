import { CliError, ExitCode } from './base/failures.js';
import { randomScalar } from '../crypto/p256-native.js';
import { NeoFSClient } from '../neofs/client.js';
import type { NetworkInfo } from '../neofs/netmap.js';
import { formatDuration } from '../util/duration.js';
import type { CliContext } from './base/context.js';

/** A connection being opened, e.g. while wallets still decrypt. */
export interface Dialing {
  /** The client once the peer answered NetworkInfo (signed with a throw-away key); rejects with exit 2. */
  ready: Promise<NeoFSClient>;
  /** That answer: the network facts, fetched anyway while the wallets decrypt. */
  network: Promise<NetworkInfo>;
  /** Closes the connection, e.g. when a wallet failed first (its error is the one to report). */
  abandon(): void;
}

/**
 * Dials the peer and asks for the network info, so an unreachable peer fails early with exit 2.
 * NetworkInfo needs no particular key, so this can overlap the wallets' scrypt; the caller then
 * switches to its own key with `withSigner`.
 */
export function dial(peer: string, dialMs: number, ctx: CliContext): Dialing {
  let client: NeoFSClient;
  try {
    client = new NeoFSClient({ endpoint: peer, signer: randomScalar(), timeoutMs: ctx.timeoutMs });
  } catch (err) {
    const failed = Promise.reject(CliError.wrap('failed to create NeoFS component', err, ExitCode.NeoFS));
    failed.catch(() => {}); // reported when awaited
    return { ready: failed, network: failed, abandon: () => {} };
  }
  const network = client.networkInfo({ timeoutMs: Math.min(dialMs, ctx.timeoutMs) }).then(
    (net) => {
      ctx.debug(`connected to ${peer}: epoch ${net.currentEpoch}, magic ${net.magicNumber}`);
      return net;
    },
    (err: unknown) => {
      client.close();
      throw CliError.wrap(`failed to create NeoFS component: peer ${peer}`, err, ExitCode.NeoFS);
    },
  );
  const ready = network.then(() => client);
  network.catch(() => {}); // reported when awaited
  ready.catch(() => {});
  return { ready, network, abandon: () => client.close() };
}

/** Dials the peer, then signs with `key`. */
export async function connect(peer: string, key: Uint8Array, dialMs: number, ctx: CliContext): Promise<NeoFSClient> {
  return (await dial(peer, dialMs, ctx).ready).withSigner(key);
}

/** Waits for `wallets` first (their errors come first, as in the Go tool), then for the connection. */
export async function afterWallets<T>(dialing: Dialing, wallets: Promise<T>): Promise<{ wallets: T; client: NeoFSClient }> {
  let got: T;
  try {
    got = await wallets;
  } catch (err) {
    dialing.abandon();
    throw err;
  }
  return { wallets: got, client: await dialing.ready };
}

/** Runs `work` under an overall deadline (`--timeout`); running out exits with `exit`. */
export async function withDeadline<T>(ms: number, context: string, work: () => Promise<T>, exit: ExitCode = ExitCode.Issue): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CliError(`${context}: timed out after ${formatDuration(ms)} (raise --timeout)`, exit)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
