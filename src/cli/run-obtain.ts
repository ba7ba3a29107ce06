/** obtain-secret as the CLI runs it. */
import { AuthmateError, ExitCode } from '../errors.js';
import { ContainerNotFoundError, ObjectNotFoundError } from '../neofs/status.js';
import { obtainSecret, parseAccessKeyId } from '../obtain/index.js';
import { GATE_WALLET_PASSPHRASE_ENV, loadWalletKey, WALLET_PASSPHRASE_ENV, type WalletKey } from '../wallet/index.js';
import type { ObtainSecretArgs } from './commands/obtain-secret.js';
import { durationFlag, makeContext } from './context.js';
import { afterWallets, dial, withDeadline } from './network.js';
import { terminalPrompt } from './password.js';

export async function runObtainSecret(args: ObtainSecretArgs): Promise<void> {
  const ctx = makeContext(args);
  try {
    parseAccessKeyId(args['access-key-id']);
  } catch (err) {
    throw AuthmateError.wrap('failed to obtain secret: failed to parse secret address', err, ExitCode.Obtain);
  }
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);

  // As the Go tool: the user wallet first (it signs the requests), then the gate wallet; the peer
  // is dialled meanwhile, and a wallet error is still reported before a connection error.
  const dialing = dial(args.peer, dialMs, ctx);
  const wallets = (async () => {
    let user: WalletKey | undefined;
    if (args.wallet !== undefined) {
      user = await loadWalletKey({
        path: args.wallet,
        ...(args.address === undefined ? {} : { address: args.address }),
        passwordEnv: WALLET_PASSPHRASE_ENV,
        prompt: terminalPrompt(WALLET_PASSPHRASE_ENV),
      });
    }
    try {
      const gate = await loadWalletKey({
        path: args['gate-wallet'],
        ...(args['gate-address'] === undefined ? {} : { address: args['gate-address'] }),
        passwordEnv: GATE_WALLET_PASSPHRASE_ENV,
        prompt: terminalPrompt(GATE_WALLET_PASSPHRASE_ENV),
      });
      return { user, gate };
    } catch (err) {
      throw AuthmateError.wrap("failed to create owner's private key", err, ExitCode.GateKey);
    }
  })();
  const { wallets: keys, client: dialled } = await afterWallets(dialing, wallets);
  const { user, gate } = keys;
  const client = dialled.withSigner((user ?? gate).privateKey);
  try {
    const result = await withDeadline(ctx.timeoutMs, 'failed to obtain secret', () =>
      obtainSecret({ client, accessKeyId: args['access-key-id'], gatePrivateKey: gate.privateKey, timeoutMs: ctx.timeoutMs }),
    ).catch((err) => {
      if (err instanceof AuthmateError) throw new AuthmateError(err.message, ExitCode.Obtain, { cause: err });
      if (err instanceof ObjectNotFoundError || err instanceof ContainerNotFoundError) {
        throw AuthmateError.wrap(`failed to obtain secret: no access box at ${args['access-key-id']}`, err, ExitCode.Obtain);
      }
      throw AuthmateError.wrap('failed to obtain secret', err, ExitCode.Obtain);
    });
    ctx.debug(`access box format ${result.format}`);
    ctx.result({ secret_access_key: result.secretAccessKey });
  } finally {
    client.close();
  }
}
