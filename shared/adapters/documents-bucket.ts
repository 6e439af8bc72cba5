import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ENV, requireEnv } from '../env.ts';

// Path-style addressing only for the local emulator (no wildcard DNS on 127.0.0.1).
const s3 = new S3Client({ forcePathStyle: process.env.OSS_S3_FORCE_PATH_STYLE === 'true' });

let bucketName: string | undefined;
const bucket = () => {
  bucketName ??= requireEnv(ENV.bucketName);
  return bucketName;
};

export interface PresignedUpload {
  readonly url: string;
  readonly fields: Record<string, string>;
}

/**
 * A browser-usable presigned POST whose policy pins the exact key, the content type and a
 * content-length range: the client cannot choose where the file goes, what it claims to be,
 * or how large it is.
 */
export async function presignUpload(opts: {
  key: string;
  contentType: string;
  maxBytes: number;
  expiresSeconds: number;
}): Promise<PresignedUpload> {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket(),
    Key: opts.key,
    Conditions: [
      ['eq', '$Content-Type', opts.contentType],
      ['content-length-range', 1, opts.maxBytes],
    ],
    Fields: { 'Content-Type': opts.contentType },
    Expires: opts.expiresSeconds,
  });
  return { url, fields };
}

/** Size and the first bytes of an object: enough to judge it without downloading it whole. */
export async function inspectObject(
  key: string,
  headBytes = 16,
): Promise<{ sizeBytes: number; head: Uint8Array }> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
  const sizeBytes = head.ContentLength ?? 0;
  if (sizeBytes === 0) return { sizeBytes, head: new Uint8Array() };
  const first = await s3.send(
    new GetObjectCommand({ Bucket: bucket(), Key: key, Range: `bytes=0-${headBytes - 1}` }),
  );
  const bytes = (await first.Body?.transformToByteArray()) ?? new Uint8Array();
  return { sizeBytes, head: bytes.slice(0, headBytes) };
}

/** Moves an object out of the served prefix (copy, then delete), so agencies never see it. */
export async function quarantineObject(key: string, toKey: string): Promise<void> {
  await s3.send(
    new CopyObjectCommand({
      Bucket: bucket(),
      Key: toKey,
      CopySource: `${bucket()}/${encodeURIComponent(key)}`,
    }),
  );
  await s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

/** A short-lived GET link for a verified document. */
export function presignDownload(key: string, expiresSeconds: number): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket(), Key: key }), {
    expiresIn: expiresSeconds,
  });
}
