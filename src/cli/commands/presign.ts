import type { Argv, CommandModule } from 'yargs';
import type { GeneratePresignedUrlArgs, GlobalArgs } from '../base/args.js';

/** `generate-presigned-url`, FrostFS authmate's command and flags. */
export const generatePresignedUrlCommand: CommandModule<GlobalArgs, GeneratePresignedUrlArgs> = {
  command: 'generate-presigned-url',
  describe: 'Generate a presigned S3 URL (GET or PUT of one object) from AWS credentials',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .usage(
        'authmate generate-presigned-url --endpoint http://127.0.0.1:8080 --bucket <bucket> --object <key> --method get [--profile <p>]\n\n' +
          'Signs the URL locally (S3 SigV4, path-style: <endpoint>/<bucket>/<object>?X-Amz-...). Credentials: --aws-access-key-id\n' +
          'with --aws-secret-access-key, else the AWS SDK chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, --profile or AWS_PROFILE in\n' +
          '~/.aws/credentials). Region: --region, else the profile/AWS_REGION, else us-east-1. Prints {"URL": "..."}.',
      )
      .option('endpoint', { type: 'string', demandOption: true, describe: 'Endpoint of s3-gw (http://host:port)' })
      .option('bucket', { type: 'string', demandOption: true, describe: 'Bucket name to perform action' })
      .option('object', { type: 'string', demandOption: true, describe: 'Object name to perform action' })
      .option('method', { type: 'string', demandOption: true, describe: 'HTTP method to perform action: get or put' })
      .option('lifetime', { type: 'string', nargs: 1, default: '12h', describe: 'Lifetime of presigned URL (Go duration, at most 168h)' })
      .option('profile', { type: 'string', describe: 'AWS profile to load' })
      .option('region', { type: 'string', describe: 'AWS region to use in signature (default is taken from ~/.aws/config)' })
      .option('aws-access-key-id', { type: 'string', describe: 'AWS access key id to sign the URL (default is taken from ~/.aws/credentials)' })
      .option('aws-secret-access-key', { type: 'string', describe: 'AWS secret access key to sign the URL (default is taken from ~/.aws/credentials)' }) as Argv<GeneratePresignedUrlArgs>,
  handler: async (args) => {
    const { runGeneratePresignedUrl } = await import('../run-presign.js');
    await runGeneratePresignedUrl(args);
  },
};
