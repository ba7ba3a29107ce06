/**
 * The one base of every error the library throws on purpose.
 *
 * `code` is stable (scripts and the CLI's exit-code table key on it, messages may change);
 * `field` names the option or input that is wrong, in library terms (`gatePublicKeys`,
 * `bearerRules`, `wallet`, ...); `position` says where inside it (a JSON path, `line:column`,
 * a 1-based list index). No flag names and no exit codes live below `src/cli`.
 */
export interface AuthmateErrorOptions {
  field?: string | undefined;
  position?: string | undefined;
  cause?: unknown;
}

export class AuthmateError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly position: string | undefined;

  constructor(code: string, message: string, options: AuthmateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
    this.position = options.position;
  }
}

/** An option of a library call that is missing, malformed or contradicts another one. */
export class InvalidOptionError extends AuthmateError {
  constructor(code: string, field: string, message: string, options: Omit<AuthmateErrorOptions, 'field'> = {}) {
    super(code, message, { ...options, field });
  }
}

/**
 * Runs `work` (sync or async) and sets `field` on our errors that have none (or the generic
 * `fallbackOf`): the caller knows which input it read, the parser does not.
 */
export function withField<T>(field: string, work: () => T, fallbackOf?: string): T {
  const tag = (err: unknown): never => {
    if (err instanceof AuthmateError && (err.field === undefined || err.field === fallbackOf)) {
      (err as { field: string | undefined }).field = field;
    }
    throw err;
  };
  try {
    const out = work();
    return (out instanceof Promise ? out.catch(tag) : out) as T;
  } catch (err) {
    return tag(err);
  }
}
