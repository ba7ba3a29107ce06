/**
 * Presigned S3 URLs (FrostFS authmate's `generate-presigned-url`): an S3 SigV4 query-string
 * signature made locally with credentials we issued (or any AWS credentials), so that someone
 * without credentials can GET or PUT one object through a gateway until the URL expires.
 *
 * The AWS SDK is loaded only when a URL is made: importing this module (or the package root)
 * stays cheap.
 */
import { AuthmateError } from '../errors.js';

/** SigV4 presigned URLs may live at most 7 days (X-Amz-Expires <= 604800). */
export const MAX_PRESIGN_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** FrostFS authmate's default lifetime of a presigned URL. */
export const DEFAULT_PRESIGN_LIFETIME_MS = 12 * 3600 * 1000;
/** Region signed into the URL when neither the options nor the AWS config name one (gateways accept any). */
export const DEFAULT_PRESIGN_REGION = 'us-east-1';

export type PresignMethod = 'GET' | 'PUT';

export interface PresignS3UrlOptions {
  /** Gateway base URL, `http(s)://host[:port]`; the bucket goes into the path (path-style). */
  endpoint: string;
  bucket: string;
  /** Object key; `/` inside it stays a path separator. */
  object: string;
  /** `GET` (download) or `PUT` (upload); case-insensitive. */
  method: string;
  /** Validity in milliseconds: at least 1s, at most 7 days; rounded up to whole seconds. Default 12h. */
  lifetimeMs?: number;
  /** Signing region; default: the profile's/environment's region, else `us-east-1`. */
  region?: string;
  /** Shared config/credentials profile (`~/.aws/credentials`, `~/.aws/config`). */
  profile?: string;
  /** Explicit credentials; without them the AWS SDK's default chain (env, profile, ...) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Signing time (default now): the URL is valid from it for `lifetimeMs`. */
  signingDate?: Date;
}

export interface PresignedS3Url {
  url: string;
  method: PresignMethod;
  region: string;
  /** When the gateway starts refusing the URL. */
  expiresAt: Date;
}

/** A bad option or unusable credentials; `field` names the option. */
export class PresignError extends AuthmateError {
  constructor(code: string, field: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { field, ...options });
  }
}

/** Checks the method: FrostFS takes any word; a presigned URL is only useful for object GET/PUT. */
export function parsePresignMethod(method: string): PresignMethod {
  const m = method.trim().toUpperCase();
  if (m !== 'GET' && m !== 'PUT') {
    throw new PresignError('PRESIGN_METHOD', 'method', `unsupported method ${JSON.stringify(method)}: expected get or put`);
  }
  return m;
}

/** Lifetime in whole seconds (X-Amz-Expires), checked against SigV4's bounds. */
export function presignExpiresInSeconds(lifetimeMs: number): number {
  if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) {
    throw new PresignError('PRESIGN_LIFETIME', 'lifetime', `lifetime must be positive, got ${lifetimeMs}ms`);
  }
  if (lifetimeMs > MAX_PRESIGN_LIFETIME_MS) {
    throw new PresignError('PRESIGN_LIFETIME', 'lifetime', `lifetime ${lifetimeMs / 1000}s exceeds the 7 days (168h) S3 allows for presigned URLs`);
  }
  return Math.max(1, Math.ceil(lifetimeMs / 1000));
}

function checkEndpoint(endpoint: string): URL {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch (err) {
    throw new PresignError('PRESIGN_ENDPOINT', 'endpoint', `invalid endpoint ${JSON.stringify(endpoint)}: expected http(s)://host[:port]`, { cause: err });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new PresignError('PRESIGN_ENDPOINT', 'endpoint', `invalid endpoint ${JSON.stringify(endpoint)}: scheme must be http or https`);
  }
  if (u.search !== '' || u.hash !== '') {
    throw new PresignError('PRESIGN_ENDPOINT', 'endpoint', `invalid endpoint ${JSON.stringify(endpoint)}: no query or fragment allowed`);
  }
  return u;
}

/** Every local check (no file or network access): the options a URL can be made from. */
export function checkPresignOptions(o: PresignS3UrlOptions): { method: PresignMethod; expiresIn: number; endpoint: URL } {
  const method = parsePresignMethod(o.method);
  const endpoint = checkEndpoint(o.endpoint);
  if (o.bucket === '') throw new PresignError('PRESIGN_BUCKET', 'bucket', 'bucket name is empty');
  if (o.object === '') throw new PresignError('PRESIGN_OBJECT', 'object', 'object name is empty');
  const expiresIn = presignExpiresInSeconds(o.lifetimeMs ?? DEFAULT_PRESIGN_LIFETIME_MS);
  const c = o.credentials;
  if (c !== undefined && (c.accessKeyId === '' || c.secretAccessKey === '')) {
    throw new PresignError('PRESIGN_CREDENTIALS', 'credentials', 'give both the access key id and the secret access key (or neither)');
  }
  return { method, expiresIn, endpoint };
}

/**
 * Makes a presigned path-style URL (`<endpoint>/<bucket>/<object>?X-Amz-...`) for an object GET
 * or PUT. Payload is unsigned (the URL fits any body) and no checksum is bound into a PUT URL.
 */
export async function presignS3Url(o: PresignS3UrlOptions): Promise<PresignedS3Url> {
  const { method, expiresIn, endpoint } = checkPresignOptions(o);
  const [{ S3Client, GetObjectCommand, PutObjectCommand }, { getSignedUrl }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/s3-request-presigner'),
  ]);
  const common = {
    endpoint: endpoint.toString().replace(/\/$/, ''),
    // Gateways here are addressed by IP:port: a bucket cannot be a host name label.
    forcePathStyle: true,
    ...(o.profile !== undefined ? { profile: o.profile } : {}),
    ...(o.credentials !== undefined ? { credentials: o.credentials } : {}),
    // A PUT URL must accept whatever body is sent, so no checksum of an empty body goes in.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
  // The SDK's region chain (AWS_REGION, the profile's config) is only read by a client; the
  // signing client needs a region from the start, so a first client asks.
  let region = o.region;
  if (region === undefined) {
    const probe = new S3Client(common);
    try {
      region = await probe.config.region();
    } catch {
      region = DEFAULT_PRESIGN_REGION;
    } finally {
      probe.destroy();
    }
  }
  const client = new S3Client({ ...common, region });
  try {
    try {
      await client.config.credentials();
    } catch (err) {
      const where = o.profile !== undefined ? `profile ${JSON.stringify(o.profile)}` : 'the environment or the default profile';
      throw new PresignError('PRESIGN_CREDENTIALS', 'credentials', `no AWS credentials in ${where}: ${(err as Error).message}`, { cause: err });
    }
    const input = { Bucket: o.bucket, Key: o.object };
    const command = method === 'GET' ? new GetObjectCommand(input) : new PutObjectCommand(input);
    const signingDate = o.signingDate ?? new Date();
    const url = await getSignedUrl(client, command, { expiresIn, signingDate });
    return { url, method, region, expiresAt: new Date(signingDate.getTime() + expiresIn * 1000) };
  } finally {
    client.destroy();
  }
}
