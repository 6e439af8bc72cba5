import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
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
  /** The declared size: the policy accepts exactly this many bytes. */
  sizeBytes: number;
  expiresSeconds: number;
}): Promise<PresignedUpload> {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket(),
    Key: opts.key,
    Conditions: [
      ['eq', '$Content-Type', opts.contentType],
      ['content-length-range', opts.sizeBytes, opts.sizeBytes],
    ],
    Fields: { 'Content-Type': opts.contentType },
    Expires: opts.expiresSeconds,
  });
  return { url, fields };
}

/**
 * An uploaded object, read whole when it is no larger than `maxBytes` (documents are small, and
 * judging the whole file is what makes its verdict hold). Larger ones report only their size.
 */
export async function readObject(
  key: string,
  maxBytes: number,
): Promise<{ sizeBytes: number; bytes: Uint8Array | undefined }> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
  const sizeBytes = head.ContentLength ?? 0;
  if (sizeBytes > maxBytes) return { sizeBytes, bytes: undefined };
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return { sizeBytes, bytes: (await object.Body?.transformToByteArray()) ?? new Uint8Array() };
}

/** Whether an object exists (HeadObject; a missing object is false, anything else throws). */
export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as Error).name === 'NotFound') return false;
    throw error;
  }
}

/** Stores the exact bytes the verifier judged under the verified prefix. */
export async function storeVerifiedCopy(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: bytes, ContentType: contentType }));
}

/** The bucket's name (for notifications the reconciler re-sends). */
export const documentsBucketName = () => bucket();

/** Moves an object out of the served prefix (copy, then delete), so agencies never see it. */
export async function quarantineObject(key: string, toKey: string): Promise<void> {
  try {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket(),
        Key: toKey,
        CopySource: `${bucket()}/${encodeURIComponent(key)}`,
      }),
    );
  } catch (error) {
    // Already moved (a duplicate or re-sent notification): nothing left to set aside.
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if ((error as Error).name === 'NoSuchKey' || status === 404) return;
    throw error;
  }
  await s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

/** A short-lived GET link for a verified document. */
export function presignDownload(key: string, expiresSeconds: number): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket(), Key: key }), {
    expiresIn: expiresSeconds,
  });
}
