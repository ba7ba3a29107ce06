/**
 * Exit codes, kept equal to the Go neofs-s3-authmate (v0.19.0+) so that existing scripts keep
 * working. Go reuses some numbers per command (5 is "lifetime" for issue-secret and "obtain"
 * for obtain-secret); the names below say which meaning a call site has.
 */
export const ExitCode = {
  /** Wallet could not be read, an account not found, or a key not decrypted. */
  Wallet: 1,
  /** NeoFS peer unreachable, or the connection/NetworkInfo failed. */
  NeoFS: 2,
  /** `--container-id` is malformed. */
  ContainerId: 3,
  /** A gate public key is malformed (issue-secret) or the gate wallet failed (obtain-secret). */
  GateKey: 4,
  /** `--lifetime` is zero, negative or malformed. */
  Lifetime: 5,
  /** obtain-secret failed after the wallets were opened. */
  Obtain: 5,
  /** `--container-policy` is malformed. */
  ContainerPolicy: 6,
  /** `--bearer-rules` is malformed, or issuing failed after the inputs were checked. */
  Issue: 7,
  /** `--session-tokens` is malformed. */
  SessionRules: 8,
  /** Usage errors (unknown flag, missing required flag) and anything unexpected. */
  Usage: 100,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for the user: its message is printed as is, its exit code ends the process. */
export class AuthmateError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthmateError';
    this.exitCode = exitCode;
  }

  /** Prefixes the message with context, keeping the code: `wrap('failed to issue secret')`. */
  static wrap(context: string, err: unknown, exitCode: ExitCode): AuthmateError {
    const msg = err instanceof Error ? err.message : String(err);
    return new AuthmateError(`${context}: ${msg}`, exitCode, { cause: err });
  }
}
