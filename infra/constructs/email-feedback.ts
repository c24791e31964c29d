import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { type ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { FailureQueue } from './failure-queue.ts';
import { KurFunction } from './kur-function.ts';
import { grantTableAccess } from './table-access.ts';

export interface EmailFeedbackProps {
  readonly table: ITableV2;
}

/** The SES events that mark an address: the recipient's server refused, the recipient complained, SES refused. */
export const FEEDBACK_EVENTS = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
];

/**
 * Bounces, complaints and rejects of the e-mails we send, marked on the address so that
 * administrators see them (GET /email-problems): a configuration set publishes them to an
 * encrypted SNS topic, whose subscription invokes functions/mailer/feedback.ts.
 *
 * - The topic is encrypted with a key of our own: SES can publish to an encrypted topic only if
 *   the key policy lets it, and the AWS managed SNS key's policy cannot be changed.
 * - Failures: SNS retries delivery to Lambda and then parks the notification in the failure queue
 *   (subscription DLQ); once delivered, a failing function is retried twice by Lambda and the
 *   event then lands in the same queue (on-failure destination). Recording is idempotent per
 *   notification, so a redrive is safe.
 */
export class EmailFeedback extends Construct {
  readonly key: Key;
  readonly topic: Topic;
  readonly function: KurFunction;
  readonly failures: FailureQueue;

  constructor(scope: Construct, id: string, props: EmailFeedbackProps) {
    super(scope, id);

    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the SES feedback topic (bounces, complaints, rejects)',
      enableKeyRotation: true,
      // Notifications live in the topic for seconds; nothing encrypted with it outlives the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topic = new Topic(this, 'Topic', {
      displayName: 'KUR e-mail feedback',
      masterKey: this.key,
      enforceSSL: true,
    });

    this.function = new KurFunction(this, 'Recorder', {
      fn: 'mailer/feedback',
      description: 'Marks addresses SES reports bounces, complaints and rejects for',
      serviceName: 'kur-mailer',
      environment: { TABLE_NAME: props.table.tableName },
      timeout: Duration.seconds(30),
    });
    // One transaction per address: a conditional put of the notification's marker and the update
    // of the address's status (shared/adapters/dynamodb/email-status.ts). Nothing else.
    grantTableAccess(this.function.role, props.table, {
      items: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
    });

    this.failures = new FailureQueue(this, 'Failures', {
      holds: 'SES feedback notifications that could not be recorded',
    });
    this.function.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.failures.queue),
    });
    this.topic.addSubscription(
      new LambdaSubscription(this.function.function, { deadLetterQueue: this.failures.queue }),
    );
  }

  /**
   * Lets a configuration set publish its bounces, complaints and rejects here: the event
   * destination (CDK adds the topic policy for SES, limited to this configuration set) and the
   * key policy statement SES needs to publish to the encrypted topic, limited the same way.
   */
  publishFrom(configurationSet: ConfigurationSet): void {
    const stack = Stack.of(this);
    configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.snsTopic(this.topic),
      events: FEEDBACK_EVENTS,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SesPublishesFeedbackToTheTopic',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: configurationSet.configurationSetName,
            }),
          },
        },
      }),
    );
  }
}
