/** The flags of every command, as yargs hands them to the handlers (one module: commands and run-* both use them). */

/** Global flags every command receives. */
export interface GlobalArgs {
  timeout: string;
  debug: boolean;
  'with-log': boolean;
}

export interface IssueSecretArgs extends GlobalArgs {
  wallet: string;
  address?: string;
  peer: string;
  /** Absent only with --batch (the lines give the keys). */
  'gate-public-key'?: string[];
  'bearer-rules'?: string;
  'session-tokens'?: string;
  'session-rules'?: string;
  'create-session-token': boolean;
  'container-id'?: string;
  'container-friendly-name'?: string;
  'container-placement-policy': string;
  'basic-acl'?: string;
  lifetime: string;
  'container-policy'?: string;
  'aws-cli-credentials'?: string;
  profile?: string;
  'box-format'?: string;
  'pool-dial-timeout': string;
  'pool-healthcheck-timeout': string;
  'pool-rebalance-interval': string;
  'pool-stream-timeout': string;
  'container-ops-poll-interval': string;
  'internal-slicer': boolean;
  preset?: string;
  bucket?: string;
  batch?: string;
  'fail-fast': boolean;
  'batch-concurrency': number;
}

export interface ObtainSecretArgs extends GlobalArgs {
  wallet?: string;
  address?: string;
  peer: string;
  'gate-wallet': string;
  'gate-address'?: string;
  'access-key-id': string;
  'rpc-endpoint'?: string;
  'pool-dial-timeout': string;
  'pool-healthcheck-timeout': string;
  'pool-rebalance-interval': string;
  'pool-stream-timeout': string;
  'container-ops-poll-interval': string;
}

export interface ContextArgs {
  verb?: string;
  cid?: string;
  oid?: string[];
}

export interface SignSessionTokenArgs extends GlobalArgs, ContextArgs {
  from: string;
  to?: string;
  wallet?: string;
  address?: string;
  json: boolean;
  'force-issuer': boolean;
}

export interface SessionCreateArgs extends GlobalArgs, ContextArgs {
  'rpc-endpoint': string;
  wallet?: string;
  address?: string;
  out: string;
  json: boolean;
  lifetime?: string;
  'expire-at'?: string;
}

export interface InspectArgs extends GlobalArgs {
  'access-key-id'?: string;
  peer?: string;
  file?: string;
  wallet?: string;
  address?: string;
  'gate-wallet'?: string;
  'gate-address'?: string;
  'show-secret': boolean;
  table: boolean;
  'pool-dial-timeout': string;
}

export interface RevokeArgs extends GlobalArgs {
  'access-key-id': string;
  peer: string;
  wallet: string;
  address?: string;
  yes: boolean;
  'pool-dial-timeout': string;
}

export interface GeneratePresignedUrlArgs extends GlobalArgs {
  endpoint: string;
  bucket: string;
  object: string;
  method: string;
  lifetime: string;
  profile?: string;
  region?: string;
  'aws-access-key-id'?: string;
  'aws-secret-access-key'?: string;
}

export interface SignBearerTokenArgs extends GlobalArgs {
  from: string;
  to?: string;
  wallet?: string;
  address?: string;
  json: boolean;
}

export interface BearerCreateArgs extends GlobalArgs {
  eacl?: string;
  'issued-at'?: string;
  'not-valid-before'?: string;
  'expire-at'?: string;
  lifetime?: string;
  owner: string;
  out: string;
  json: boolean;
  'rpc-endpoint'?: string;
}

export interface ResetBucketAclArgs extends GlobalArgs {
  'access-key-id': string;
  'gate-wallet': string;
  'gate-address'?: string;
  peer: string;
  'rpc-endpoint': string;
  'container-name': string;
  namespace?: string;
  apply: boolean;
  'pool-dial-timeout': string;
  'rpc-timeout': string;
}
