// Uses S3 credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) against a gateway:
// create a bucket, put, list and get an object. Usage: node scripts/demo-s3.mjs <endpoint>
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

process.removeAllListeners('warning'); // the AWS SDK's Node 22 notice is noise here
const endpoint = process.argv[2];
const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1 });
const bucket = `demo-${Date.now().toString(36)}`;
const body = `Hello from authmate-ts at ${new Date().toISOString()}`;

await s3.send(new CreateBucketCommand({ Bucket: bucket }));
console.log(`created bucket ${bucket}`);
await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'hello.txt', Body: body }));
const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
console.log(`listed: ${listed.Contents.map((c) => `${c.Key} (${c.Size} bytes)`).join(', ')}`);
const got = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'hello.txt' }))).Body.transformToString();
console.log(`got hello.txt: ${got}`);
if (got !== body) throw new Error('object content differs');
