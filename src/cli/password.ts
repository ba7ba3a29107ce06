/**
 * Wallet passwords for the CLI: the environment variable (set but empty = empty password, as
 * Go's viper `AllowEmptyEnv`), else a hidden prompt on the terminal. The prompt is drawn on
 * stderr so that stdout carries only the JSON result; without a terminal we fail at once
 * instead of waiting for input that never comes.
 */
import { WalletError, type PasswordPrompt } from '../wallet/index.js';

export { WALLET_PASSPHRASE_ENV, GATE_WALLET_PASSPHRASE_ENV } from '../wallet/load.js';

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

const defaultStreams = (): PromptStreams => ({ input: process.stdin, output: process.stderr });

function noTerminal(walletPath: string, envVar: string): WalletError {
  return new WalletError(
    'no-password',
    `no password for wallet ${walletPath}: ${envVar} is not set and stdin is not a terminal to ask on ` +
      `(set ${envVar}; an empty value means an empty password)`,
  );
}

/** Reads one hidden line with inquirer (imported only here, to keep start-up fast). */
async function askHidden(message: string, streams: PromptStreams): Promise<string> {
  const { default: inquirer } = await import('inquirer');
  const prompt = inquirer.createPromptModule({ input: streams.input, output: streams.output });
  try {
    const answer = await prompt<{ password: string }>([
      { type: 'password', name: 'password', message, mask: false, theme: { prefix: '' } } as never,
    ]);
    return answer.password;
  } catch (err) {
    if ((err as Error)?.name === 'ExitPromptError') throw new WalletError('no-password', 'password prompt cancelled', { cause: err });
    throw err;
  }
}

/**
 * The prompt `loadWalletKey` calls when `envVar` is unset: `Enter password for <file> >`.
 * Fails at once, naming the variable, when stdin is not a terminal.
 */
export function terminalPrompt(envVar: string, streams: PromptStreams = defaultStreams()): PasswordPrompt {
  return async (walletPath) => {
    if (!streams.input.isTTY) throw noTerminal(walletPath, envVar);
    return askHidden(`Enter password for ${walletPath} >`, streams);
  };
}

/**
 * A password for a new wallet: the variable if set, else asked twice on the terminal; a
 * mismatch is an error (as in `neo-go wallet init -a`).
 */
export async function newWalletPassword(
  walletPath: string,
  envVar: string,
  env: Record<string, string | undefined> = process.env,
  streams: PromptStreams = defaultStreams(),
): Promise<string> {
  const fromEnv = env[envVar];
  if (fromEnv !== undefined) return fromEnv;
  if (!streams.input.isTTY) throw noTerminal(walletPath, envVar);
  const first = await askHidden(`Enter password for ${walletPath} >`, streams);
  const second = await askHidden('Confirm password >', streams);
  if (first !== second) throw new WalletError('no-password', 'the entered passwords do not match');
  return first;
}
