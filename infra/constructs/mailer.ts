import { Duration, Stack } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { ConfigurationSet, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { EmailFeedback } from './email-feedback.ts';
import { FailureQueue } from './failure-queue.ts';
import { KurFunction, metricsNamespaceOf } from './kur-function.ts';
import { functionTarget } from './schedules.ts';
import { grantTableAccess } from './table-access.ts';

export interface MailerProps {
  readonly table: ITableV2;
  /** The sender (MAIL_FROM): an SES identity verified in the region, as an address or `Name <address>`. */
  readonly mailFrom: string;
  /** The form's URL (FORM_URL). */
  readonly formUrl: string;
  /** Where the configuration set publishes bounces, complaints and rejects. */
  readonly feedback?: EmailFeedback;
}

/**
 * Message logged (error level) by shared/usecases/deliver-outbox.ts when an e-mail is given up
 * (`OUTBOX_GAVE_UP`; test/infra asserts the two agree). Not imported: that module reads the
 * runtime configuration at load, which a synth does not have.
 */
export const OUTBOX_GAVE_UP_MESSAGE = 'outbox e-mail failed permanently';

/**
 * Concurrent invocations the stream mailer may have (reserved: set aside and a cap). Each invocation
 * sends a batch of at most 10 e-mails at once and a send takes a few hundred milliseconds, so 2 keep
 * it near SES's default production sending rate (14 e-mails a second; ask AWS for more before
 * raising this). A burst beyond waits in the stream, and anything SES throttles is retried by the
 * outbox; the cap also keeps a flood of outbox items from taking the account's whole pool.
 */
export const MAILER_RESERVED_CONCURRENCY = 2;

/** The address of `Name <address>` or `address`. */
export const senderAddress = (mailFrom: string): string => {
  const address = (/<([^<>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new Error(`MAIL_FROM is not an e-mail address: ${mailFrom}`);
  return address;
};

/**
 * Sends the outbox (README "Architecture", DATA.md P10): e-mails are written to the table in the
 * same transaction as the change they report, and
 * - the **mailer** (functions/mailer/stream.ts) sends them from the table's stream. The mapping is
 *   set against a stuck shard (PITFALLS "Streams, outbox and SES"): bisect a failing batch,
 *   report the failed records, retry a bounded number of times and for a bounded age, then park
 *   the record's position in a dead-letter queue; filtered, so that only outbox items awaiting
 *   delivery invoke it;
 * - the **sweeper** (functions/mailer/sweep.ts), every 5 minutes, sends what is still unsent after
 *   15 minutes: lost or expired stream records, records parked in the dead-letter queue, crashed
 *   senders. It is the reason a parked stream record loses no e-mail.
 *
 * Both send through one SES configuration set (SES_CONFIGURATION_SET), which publishes bounces,
 * complaints and rejects to the feedback topic, and may send only as the sender's identity and in
 * that configuration set.
 */
export class Mailer extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly streamFunction: KurFunction;
  readonly sweepFunction: KurFunction;
  readonly streamFailures: FailureQueue;
  readonly sweepSchedule: Schedule;
  /** E-mails given up after their last attempt (error log of either function). */
  readonly gaveUpAlarm: Alarm;
  /** The sweeper failing run after run. */
  readonly sweepFailingAlarm: Alarm;

  constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      sendingEnabled: true,
      reputationMetrics: true,
      // An address on the account's suppression list is not sent to; SES reports it as a bounce,
      // so it shows among the e-mail problems as well.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    props.feedback?.publishFrom(this.configurationSet);

    const environment = {
      TABLE_NAME: props.table.tableName,
      MAIL_FROM: props.mailFrom,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      FORM_URL: props.formUrl,
    };

    // SendEmail is authorized against the sending identity and the configuration set. Both
    // identities that can authorize the sender: the address itself or its domain.
    const sender = senderAddress(props.mailFrom);
    const sendingResources = [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: sender }),
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: sender.split('@')[1] }),
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
    ];
    const grantSend = (grantee: IGrantable) =>
      Grant.addToPrincipal({
        grantee,
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resourceArns: sendingResources,
      });

    // --- the stream-fed mailer -------------------------------------------------------------
    this.streamFunction = new KurFunction(this, 'StreamMailer', {
      fn: 'mailer/stream',
      description: 'Sends outbox e-mails from the table stream',
      serviceName: 'kur-mailer',
      environment,
      // Well under the outbox lease (5 min, deliver-outbox.ts): a live sender never loses its claim.
      timeout: Duration.seconds(60),
      reservedConcurrentExecutions: MAILER_RESERVED_CONCURRENCY,
    });
    // Claim, mark sent, release: conditional UpdateItem on the outbox item (outbox.ts), nothing else.
    grantTableAccess(this.streamFunction.role, props.table, { items: ['dynamodb:UpdateItem'] });
    grantSend(this.streamFunction.role);

    this.streamFailures = new FailureQueue(this, 'StreamFailures', {
      holds:
        'positions of outbox stream records the mailer still failed after its retries; ' +
        'the sweeper sends their e-mails',
    });

    const outboxItem = (status: Record<string, unknown>) => ({
      NewImage: { entity: { S: FilterRule.isEqual('outbox') }, status: { S: FilterRule.isEqual('pending') } },
      ...status,
    });
    this.streamFunction.function.addEventSource(
      // TableV2 has everything a stream source needs; the type names the older ITable.
      new DynamoEventSource(props.table as unknown as ITable, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(0),
        bisectBatchOnError: true,
        retryAttempts: 8,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.streamFailures.queue),
        // The records functions/mailer/stream.ts (outboxIdToDeliver) delivers: a new outbox item,
        // or one put back to `pending` by hand (from `failed` or `sent`). A failed attempt's own
        // `sending` → `pending` is retried through the failed record and the sweeper, not here.
        filters: [
          FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: outboxItem({}) }),
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('MODIFY'),
            dynamodb: outboxItem({
              OldImage: { status: { S: [{ 'anything-but': ['pending', 'sending'] }] } },
            }),
          }),
        ],
      }),
    );

    // --- the sweeper -------------------------------------------------------------------------
    this.sweepFunction = new KurFunction(this, 'Sweeper', {
      fn: 'mailer/sweep',
      description: 'Sends outbox e-mails still unsent after 15 minutes',
      serviceName: 'kur-mailer',
      environment,
      // Below the 5-minute interval; the sweeper stops taking items 30 s before its time is up.
      timeout: Duration.minutes(4),
    });
    // The unsent list is GSI3 (`OUTBOX#PENDING`); claims and marks are UpdateItem on the items.
    grantTableAccess(this.sweepFunction.role, props.table, {
      items: ['dynamodb:UpdateItem'],
      queryIndexes: ['gsi3'],
    });
    grantSend(this.sweepFunction.role);

    // Each run is complete in itself and the next is 5 minutes away: a failed or missed run is
    // not retried (no dead-letter queue either); the alarm below reports a sweeper failing run
    // after run.
    this.sweepFunction.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(5) });
    this.sweepSchedule = new Schedule(this, 'SweepSchedule', {
      description: 'Outbox sweep: e-mails still unsent after 15 minutes',
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: functionTarget(this, 'SweepInvoker', this.sweepFunction, {
        retryAttempts: 2,
        maxEventAge: Duration.minutes(4),
      }),
    });
    this.sweepFailingAlarm = this.sweepFunction.function
      .metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })
      .createAlarm(this, 'SweeperFailing', {
        alarmDescription: 'The outbox sweeper failed in 3 consecutive runs: unsent e-mails are not retried.',
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    // --- e-mails given up ----------------------------------------------------------------------
    const gaveUp = { namespace: metricsNamespaceOf(this), metricName: 'OutboxEmailsGivenUp' };
    for (const [name, fn] of [
      ['StreamGaveUp', this.streamFunction],
      ['SweepGaveUp', this.sweepFunction],
    ] as const) {
      new MetricFilter(this, name, {
        logGroup: fn.logGroup,
        filterPattern: FilterPattern.all(
          FilterPattern.stringValue('$.level', '=', 'ERROR'),
          FilterPattern.stringValue('$.message', '=', OUTBOX_GAVE_UP_MESSAGE),
        ),
        metricNamespace: gaveUp.namespace,
        metricName: gaveUp.metricName,
        metricValue: '1',
      });
    }
    this.gaveUpAlarm = new Metric({ ...gaveUp, statistic: 'Sum', period: Duration.minutes(5) }).createAlarm(
      this,
      'GaveUp',
      {
        alarmDescription:
          'An outbox e-mail failed permanently (status `failed`): SES refused every attempt. ' +
          'Set the item back to `pending` to re-send it once the cause is fixed.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
    );
  }
}
