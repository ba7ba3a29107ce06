/**
 * A yes/no question on the terminal, drawn on stderr (stdout carries only the JSON result), as
 * the password prompt in password.ts. Without a terminal there is no one to ask: callers check
 * `canAsk` first and fail at once instead of waiting for input that never comes.
 */
import type { PromptStreams } from './password.js';

const defaultStreams = (): PromptStreams => ({ input: process.stdin, output: process.stderr });

export function canAsk(streams: PromptStreams = defaultStreams()): boolean {
  return streams.input.isTTY === true;
}

/** Asks `message`; the default answer is no. A cancelled prompt (Ctrl-C) is a no. */
export async function askYesNo(message: string, streams: PromptStreams = defaultStreams()): Promise<boolean> {
  const { default: inquirer } = await import('inquirer'); // only when a question is asked
  const prompt = inquirer.createPromptModule({ input: streams.input, output: streams.output });
  try {
    const answer = await prompt<{ yes: boolean }>([{ type: 'confirm', name: 'yes', message, default: false, theme: { prefix: '' } } as never]);
    return answer.yes;
  } catch (err) {
    if ((err as Error)?.name === 'ExitPromptError') return false;
    throw err;
  }
}
