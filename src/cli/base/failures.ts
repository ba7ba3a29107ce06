/**
 * The one place that turns errors into messages and exit codes. The library throws typed errors
 * with a stable `code` and the `field` (option) that is wrong; each command has a table from
 * field (or code) to the Go tool's exit code and the words it prints.
 */
import { AuthmateError } from '../../errors.js';

/**
 * Exit codes, kept equal to the Go neofs-s3-authmate (v0.19.0+) so that existing scripts keep
 * working. Go reuses some numbers per command (5 is "lifetime" for issue-secret and "obtain"
 * for obtain-secret); the names say which meaning a call site has.
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
  /** reset-bucket-acl: the peer, reading or setting the eACL failed (Go reuses 1 here). */
  ResetNeoFS: 1,
  /** reset-bucket-acl: opening the box or resolving the bucket failed. */
  ResetResolve: 5,
  /** Usage errors (unknown flag, missing required flag) and anything unexpected. */
  Usage: 100,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI itself raises: its message is printed as is, its exit code ends the process. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }

  /** Prefixes the message with context, keeping the code: `wrap('failed to issue secret', err, 7)`. */
  static wrap(context: string, err: unknown, exitCode: ExitCode): CliError {
    const msg = err instanceof Error ? err.message : String(err);
    return new CliError(`${context}: ${msg}`, exitCode, { cause: err });
  }
}

/** How one field's (or one code's) failure is printed and which code ends the process. */
export interface Failure {
  exit: ExitCode;
  /** The line printed for the library's message. */
  say: (message: string) => string;
}

type Table = Record<string, Failure>;

const flag = (name: string): ((m: string) => string) => (m) => `--${name}: ${m}`;

/**
 * issue-secret: fields in the order Go checks them. `sessionFlag` is whichever session flag was
 * given; `boxWhere` names the container the box goes to.
 */
export function issueFailures(sessionFlag: string, boxWhere: string): Table {
  return {
    containerId: { exit: ExitCode.ContainerId, say: (m) => `failed to parse auth container id: ${m}` },
    gatePublicKeys: { exit: ExitCode.GateKey, say: (m) => `failed to load gate's public key: ${m}` },
    lifetime: { exit: ExitCode.Lifetime, say: (m) => m },
    containerPolicies: { exit: ExitCode.ContainerPolicy, say: flag('container-policy') },
    // Go reads the mapping first (6) and checks the policies in it while issuing (7).
    'containerPolicies/CONTAINER_POLICY_INVALID': { exit: ExitCode.Issue, say: flag('container-policy') },
    BEARER_RULES_UNSUPPORTED: { exit: ExitCode.Issue, say: (m) => `--bearer-rules: ${m}; use --session-tokens` },
    bearerRules: { exit: ExitCode.Issue, say: flag('bearer-rules') },
    // Go: JSON that does not read is 8; rules that do not make sense (unknown verb, bad container ID) fail while issuing, 7.
    'sessionRules/JSON_INPUT': { exit: ExitCode.SessionRules, say: flag(sessionFlag) },
    'sessionRules/SESSION_RULES_EMPTY': { exit: ExitCode.SessionRules, say: flag(sessionFlag) },
    sessionRules: { exit: ExitCode.Issue, say: flag(sessionFlag) },
    placementPolicy: { exit: ExitCode.Issue, say: (m) => `failed to issue secret: --container-placement-policy: ${m}` },
    PLACEMENT_UNSATISFIABLE: { exit: ExitCode.Issue, say: (m) => `failed to issue secret: ${m}` },
    basicAcl: { exit: ExitCode.Usage, say: flag('basic-acl') },
    // Our additions (no Go counterpart): a wrong preset or bucket name is a usage error; a bucket
    // that cannot be found fails the issue (7), as a missing --container-id does.
    preset: { exit: ExitCode.Usage, say: flag('preset') },
    'bucket/BUCKET_INVALID': { exit: ExitCode.Usage, say: flag('bucket') },
    'bucket/BUCKET_WITHOUT_PRESET': { exit: ExitCode.Usage, say: flag('bucket') },
    bucket: { exit: ExitCode.Issue, say: (m) => `failed to issue secret: --bucket: ${m}` },
    batch: { exit: ExitCode.Usage, say: (m) => m },
    BATCH_SKIPPED: { exit: ExitCode.Issue, say: (m) => m },
    wallet: { exit: ExitCode.Wallet, say: (m) => m },
    BOX_CONTAINER_NOT_FOUND: { exit: ExitCode.Issue, say: (m) => `failed to issue secret: ${m}` },
    ACCESS_DENIED: {
      exit: ExitCode.Issue,
      say: (m) => `failed to issue secret: the node refused to store the access box in ${boxWhere} (its basic ACL or eACL must let this wallet PUT objects): ${m}`,
    },
    '*': { exit: ExitCode.Issue, say: (m) => `failed to issue secret: ${m}` },
  };
}

/** obtain-secret: Go exits 5 for everything after the wallets, 4 for the gate wallet. */
export function obtainFailures(accessKeyId: string): Table {
  const noBox: Failure = { exit: ExitCode.Obtain, say: (m) => `failed to obtain secret: no access box at ${accessKeyId}: ${m}` };
  return {
  accessKeyId: { exit: ExitCode.Obtain, say: (m) => `failed to obtain secret: failed to parse secret address: ${m}` },
  wallet: { exit: ExitCode.Wallet, say: (m) => m },
  gateWallet: { exit: ExitCode.GateKey, say: (m) => `failed to create owner's private key: ${m}` },
  OBJECT_NOT_FOUND: noBox,
  CONTAINER_NOT_FOUND: noBox,
  '*': { exit: ExitCode.Obtain, say: (m) => `failed to obtain secret: ${m}` },
  };
}

/** inspect: as obtain-secret (1 wallet, 4 gate wallet, 5 everything about the box or the file). */
export function inspectFailures(what: string): Table {
  const fail: Failure = { exit: ExitCode.Obtain, say: (m) => `failed to inspect ${what}: ${m}` };
  return {
    wallet: { exit: ExitCode.Wallet, say: (m) => m },
    gateWallet: { exit: ExitCode.GateKey, say: (m) => `failed to load the gate wallet: ${m}` },
    OBJECT_NOT_FOUND: { exit: ExitCode.Obtain, say: (m) => `failed to inspect ${what}: no access box there: ${m}` },
    CONTAINER_NOT_FOUND: { exit: ExitCode.Obtain, say: (m) => `failed to inspect ${what}: no access box there: ${m}` },
    '*': fail,
  };
}

/** revoke: 1 wallet, 5 for the box (bad id, not found, not a box, not yours, node refusal). */
export function revokeFailures(accessKeyId: string): Table {
  const fail: Failure = { exit: ExitCode.Obtain, say: (m) => `failed to revoke ${accessKeyId}: ${m}` };
  return {
    wallet: { exit: ExitCode.Wallet, say: (m) => m },
    OBJECT_NOT_FOUND: { exit: ExitCode.Obtain, say: (m) => `failed to revoke ${accessKeyId}: no access box there: ${m}` },
    CONTAINER_NOT_FOUND: { exit: ExitCode.Obtain, say: (m) => `failed to revoke ${accessKeyId}: no access box there: ${m}` },
    REVOKE_CANCELLED: { exit: ExitCode.Usage, say: (m) => m },
    '*': fail,
  };
}

/**
 * generate-presigned-url: FrostFS exits 100 for every failure; we keep 100 for usage and
 * endpoint/bucket/object/method, and give the two inputs scripts most often get wrong their own
 * codes (as our other commands): 5 for --lifetime, 1 for the credentials.
 */
export const PRESIGN_FAILURES: Table = {
  lifetime: { exit: ExitCode.Lifetime, say: flag('lifetime') },
  method: { exit: ExitCode.Usage, say: flag('method') },
  endpoint: { exit: ExitCode.Usage, say: flag('endpoint') },
  bucket: { exit: ExitCode.Usage, say: flag('bucket') },
  object: { exit: ExitCode.Usage, say: flag('object') },
  credentials: { exit: ExitCode.Wallet, say: (m) => `couldn't get credentials: ${m}` },
  '*': { exit: ExitCode.Usage, say: (m) => `presign: ${m}` },
};

/**
 * util sign bearer-token and bearer create (neofs-cli's tools; codes as our session tools):
 * 1 wallet, 2 node unreachable (from `dial`), 5 bad epochs, 7 bad --eacl (as issue-secret's
 * --bearer-rules) or the file could not be written, 8 the --from file is not a bearer token,
 * 100 usage (--owner, unexpected).
 */
export const BEARER_FAILURES: Table = {
  BEARER_TOKEN_READ: { exit: ExitCode.SessionRules, say: (m) => `invalid bearer token: ${m}` },
  BEARER_TOKEN_WRITE: { exit: ExitCode.Issue, say: (m) => `can't write bearer token to file: ${m}` },
  wallet: { exit: ExitCode.Wallet, say: (m) => m },
  lifetime: { exit: ExitCode.Lifetime, say: (m) => m },
  bearerRules: { exit: ExitCode.Issue, say: (m) => `can't parse extended ACL: ${m}` },
  owner: { exit: ExitCode.Usage, say: (m) => `can't parse recipient: ${m}` },
  '*': { exit: ExitCode.Usage, say: (m) => `error: ${m}` },
};

/**
 * reset-bucket-acl, as Go v0.45: 4 the gate wallet; 5 the box and the bucket name; 1 the peer,
 * reading and setting the eACL. The library tags each stage's errors with a `field`.
 */
export function resetBucketAclFailures(): Table {
  const setting: Failure = { exit: ExitCode.ResetNeoFS, say: (m) => `failed to setup eacl: ${m}` };
  return {
    gateWallet: { exit: ExitCode.GateKey, say: (m) => `failed to get gate's private key: ${m}` },
    wallet: { exit: ExitCode.GateKey, say: (m) => `failed to get gate's private key: ${m}` },
    'accessKeyId/ACCESS_KEY_ID_INVALID': { exit: ExitCode.ResetResolve, say: (m) => `failed to obtain secret: failed to parse secret address: ${m}` },
    accessKeyId: { exit: ExitCode.ResetResolve, say: (m) => `failed to obtain secret: ${m}` },
    'bucket/RPC_ENDPOINT_INVALID': { exit: ExitCode.ResetResolve, say: (m) => `create resolver: --rpc-endpoint: ${m}` },
    'bucket/NNS_UNAVAILABLE': { exit: ExitCode.ResetResolve, say: (m) => `create resolver: ${m}` },
    bucket: { exit: ExitCode.ResetResolve, say: (m) => `resolve container: ${m}` },
    containerEACL: { exit: ExitCode.ResetNeoFS, say: (m) => `failed to obtain old neofs EACL: ${m}` },
    apply: setting,
    '*': setting,
  };
}

/** What any command does with an error its own table does not map: a wallet error exits 1, the rest 100. */
export const COMMON_FAILURES: Table = {
  wallet: { exit: ExitCode.Wallet, say: (m) => m },
  '*': { exit: ExitCode.Usage, say: (m) => `error: ${m}` },
};

/**
 * The CLI error for `err` under `table`: a `CliError` passes through; a library error is looked
 * up by `field/code`, its code, its field, then `*`; anything else is unexpected (`*`).
 */
export function toCliError(err: unknown, table: Table): CliError {
  if (err instanceof CliError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const keys = err instanceof AuthmateError ? [`${err.field}/${err.code}`, err.code, err.field ?? '*'] : [];
  const failure = keys.map((k) => table[k]).find((f) => f !== undefined) ?? table['*'];
  if (!failure) return new CliError(`error: ${message}`, ExitCode.Usage, { cause: err });
  return new CliError(failure.say(message), failure.exit, { cause: err });
}

/** Runs `work`, turning what it throws into a `CliError` by `table`. */
export async function mapFailures<T>(table: Table, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toCliError(err, table);
  }
}
