import { Duration, Validations } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface FailureQueueProps {
  /** What ends up here, for the alarm's description and the acknowledgement below. */
  readonly holds: string;
}

/**
 * Where work that exhausted its retries is parked for a person to look at: an SQS queue
 * (SQS-managed encryption, TLS only, kept the maximum 14 days) and an alarm as soon as anything
 * is in it. Nothing reads these queues automatically: redriving is a decision.
 */
export class FailureQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);

    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // AwsSolutions-SQS3 recognises a dead-letter queue only by another queue's redrive policy or a
    // function's DeadLetterConfig; Lambda and Scheduler on-failure destinations are not seen.
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        `This queue is itself the dead-letter queue (${props.holds}); a queue behind it would only ` +
        'move the problem. Its messages are kept 14 days and its alarm fires on the first one.',
    });

    this.alarm = this.queue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
      .createAlarm(this, 'NotEmpty', {
        alarmDescription: `Dead-letter queue not empty: ${props.holds}.`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
  }
}
