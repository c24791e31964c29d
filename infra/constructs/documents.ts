import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketAction } from '../../shared/http/routes.ts';
import type { KurFunction } from './kur-function.ts';

/** Every document lies under this prefix (shared/domain/documents.ts `documentObjectKey`). */
const DOCUMENT_PREFIX = 'followups/';

/**
 * The private bucket of follow-up documents. Browsers upload straight into it with a presigned
 * POST (CORS allows POST from the form's origins only) and download with presigned GETs; nothing
 * in it is public. Encrypted with S3-managed keys, TLS only, versioned (an overwritten or deleted
 * document can be restored for 90 days), moved to Standard-IA after 30 days (documents are read
 * around their review, then rarely), and every request is logged to a log bucket (server access
 * logs: cheaper than CloudTrail data events for a bucket this size, and they record presigned
 * requests by the signing role too). Kept when the stack is deleted: they are records.
 */
export class Documents extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Server access logs can only be delivered to an SSE-S3 bucket. Its object ownership is
      // left to CDK, which lets the log delivery write (ObjectWriter) as the logging requires.
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the documents bucket; logging it into itself would log its own log deliveries.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'documents/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets browsers on these origins (the form's) POST uploads and GET the downloads they were sent
   * to (the form fetches a download with the user's token and follows the redirect here).
   */
  allowUploadsFrom(origins: readonly string[]): void {
    this.bucket.addCorsRule({
      allowedMethods: [HttpMethods.POST, HttpMethods.GET],
      allowedOrigins: [...origins],
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    });
  }

  /**
   * Grants a role exactly the bucket actions its route lists: object actions on the documents'
   * prefix only, `s3:ListBucket` on the bucket (so that HeadObject of a missing key answers 404,
   * not 403; a condition on `s3:prefix` would not apply to HeadObject, so there is none).
   */
  grant(fn: KurFunction, actions: readonly BucketAction[]): void {
    const objectActions = actions.filter((action) => action !== 's3:ListBucket');
    if (objectActions.length > 0) {
      fn.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: objectActions,
          resources: [this.bucket.arnForObjects(`${DOCUMENT_PREFIX}*`)],
        }),
      );
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.bucketLogicalId}.Arn>/${DOCUMENT_PREFIX}*]`,
        reason:
          'The objects under followups/ of the documents bucket only, with exactly the actions the route table ' +
          'lists: each document has a key of its own, minted per upload, so no fixed list of ARNs exists.',
      });
    }
    if (actions.includes('s3:ListBucket')) {
      fn.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [this.bucket.bucketArn],
        }),
      );
    }
  }

  private get bucketLogicalId(): string {
    return Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
  }
}
