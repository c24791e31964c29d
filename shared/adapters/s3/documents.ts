import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type Config, config } from '../../config.ts';
import type { DocumentBucket } from '../../ports.ts';

/** An upload form is good for 15 minutes: long enough for a 20 MiB file on a slow line. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;
/** A download link is good for 5 minutes: the browser follows the API's redirect at once. */
export const DOWNLOAD_EXPIRES_SECONDS = 5 * 60;

/**
 * `Content-Disposition: attachment` naming the original file: `filename*` (RFC 6266 / RFC 8187)
 * carries the name exactly, UTF-8 percent-encoded, and `filename` a plain-ASCII stand-in for the
 * rare client that does not read `filename*`. Nothing of the name can end the header or add a
 * parameter: every character outside a small safe set is encoded (or replaced in the stand-in).
 */
export const attachmentDisposition = (fileName: string): string => {
  const fallback = fileName.replace(/[^A-Za-z0-9 ._()-]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

type S3Settings = Pick<Config, 'AWS_REGION' | 'S3_ENDPOINT' | 'DOCUMENTS_BUCKET'>;

/**
 * The bucket of documents. The presigners sign with this function's own credentials (its role,
 * deployed), so the role needs each action it presigns (the route table's `bucket` grants).
 * Made on first use, so that importing it reads no configuration.
 */
export const s3DocumentBucket = (settings: () => S3Settings = config): DocumentBucket => {
  let made: { client: S3Client; bucket: string } | undefined;
  const connect = () => {
    if (!made) {
      const { AWS_REGION, S3_ENDPOINT, DOCUMENTS_BUCKET } = settings();
      if (!DOCUMENTS_BUCKET) throw new Error('Configuration: DOCUMENTS_BUCKET is required for documents');
      const client = new S3Client({
        region: AWS_REGION,
        // Checksums only where S3 requires them: a presigned URL must not demand a header the
        // browser does not send.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        ...(S3_ENDPOINT
          ? {
              endpoint: S3_ENDPOINT,
              forcePathStyle: true,
              credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            }
          : {}),
      });
      made = { client, bucket: DOCUMENTS_BUCKET };
    }
    return made;
  };

  return {
    presignUpload: async ({ key, contentType, maxBytes }) => {
      const { client, bucket } = connect();
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        // The key and bucket are pinned by the presigner itself; the type and size here.
        Conditions: [
          ['eq', '$Content-Type', contentType],
          ['content-length-range', 1, maxBytes],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: UPLOAD_EXPIRES_SECONDS,
      });
      return { url, fields };
    },
    exists: async (key) => {
      const { client, bucket } = connect();
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        // Without s3:ListBucket S3 answers a missing key with 403, indistinguishable from a
        // missing permission: the functions that check hold ListBucket, so a 403 stays an error.
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    presignDownload: ({ key, fileName }) => {
      const { client, bucket } = connect();
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: attachmentDisposition(fileName),
        }),
        { expiresIn: DOWNLOAD_EXPIRES_SECONDS },
      );
    },
  };
};
