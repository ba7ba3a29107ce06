/** `generate-presigned-url`: flags → `presignS3Url` → `{"URL": ...}` on stdout, as FrostFS authmate prints it. */
import { presignS3Url } from '../aws/presign.js';
import type { GeneratePresignedUrlArgs } from './base/args.js';
import { durationFlag, makeContext } from './base/context.js';
import { ExitCode, mapFailures, PRESIGN_FAILURES } from './base/failures.js';

export async function runGeneratePresignedUrl(args: GeneratePresignedUrlArgs): Promise<void> {
  const ctx = makeContext(args);
  // The SDK's eight-line notice about its own future Node requirement is not about this command;
  // the CLI owns the process, so it keeps stderr to what the command says (unless set otherwise).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // A malformed duration fails flag parsing in FrostFS (exit 100); zero, negative or over 7 days exit 5.
  const lifetimeMs = durationFlag('lifetime', args.lifetime, ExitCode.Usage);
  const id = args['aws-access-key-id'];
  const secret = args['aws-secret-access-key'];
  const presigned = await mapFailures(PRESIGN_FAILURES, () =>
    presignS3Url({
      endpoint: args.endpoint,
      bucket: args.bucket,
      object: args.object,
      method: args.method,
      lifetimeMs,
      ...(args.profile !== undefined ? { profile: args.profile } : {}),
      ...(args.region !== undefined ? { region: args.region } : {}),
      // Either flag alone is an error (FrostFS silently ignores a lone one and signs with the profile).
      ...(id !== undefined || secret !== undefined ? { credentials: { accessKeyId: id ?? '', secretAccessKey: secret ?? '' } } : {}),
    }),
  );
  ctx.debug(`${presigned.method} URL signed for region ${presigned.region}, valid until ${presigned.expiresAt.toISOString()}`);
  ctx.result({ URL: presigned.url });
}
