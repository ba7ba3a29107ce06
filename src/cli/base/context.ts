import { CliError, ExitCode } from './failures.js';
import { parseDuration } from '../../util/duration.js';
import type { GlobalArgs } from './args.js';
import { setScryptLogger } from '../../wallet/scrypt-cache.js';

/** What a command handler gets besides its own flags: output channels and the global settings. */
export interface CliContext {
  /** Milliseconds for the main network operation (`--timeout`, Go duration syntax). */
  timeoutMs: number;
  /** Progress and diagnostics; always stderr, so stdout carries only the JSON result. */
  log: (message: string) => void;
  debug: (message: string) => void;
  /** Prints a result the way the Go tool does: JSON, two-space indent, trailing newline. */
  result: (value: unknown) => void;
}

/** A Go-duration flag in milliseconds; a malformed one is `invalid --<flag>: ...` with `code`. */
export function durationFlag(flag: string, text: string, code: ExitCode): number {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new CliError(`invalid --${flag}: ${(err as Error).message}`, code);
  }
}

export function makeContext(args: GlobalArgs): CliContext {
  const timeoutMs = durationFlag('timeout', args.timeout, ExitCode.Usage);
  if (!(timeoutMs > 0)) throw new CliError(`--timeout must be positive, got ${args.timeout}`, ExitCode.Usage);
  const verbose = args.debug;
  // A scrypt worker that fails falls back to OpenSSL; --debug says so.
  if (verbose) setScryptLogger((m) => process.stderr.write(`debug: ${m}\n`));
  return {
    timeoutMs,
    log: (m) => process.stderr.write(`${m}\n`),
    debug: verbose ? (m) => process.stderr.write(`debug: ${m}\n`) : () => {},
    result: (v) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`),
  };
}
