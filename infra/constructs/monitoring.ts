import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  GraphWidgetView,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';
import { METRIC, type MetricName, SERVICE } from '../../shared/metric-names.ts';
import { KurFunction, metricsNamespaceOf } from './kur-function.ts';

export interface MonitoringProps {
  readonly httpApi: HttpApi;
  readonly table: ITableV2;
  /** The function fed by the table's stream (the mailer): its iterator age is watched. */
  readonly streamFunction: KurFunction;
  /** Who is e-mailed; without it the topic exists with no subscriber (subscribe one in the console). */
  readonly alarmEmail?: string;
}

/** Per five minutes unless an alarm says otherwise. */
const FIVE_MINUTES = Duration.minutes(5);

/**
 * The table operations the functions use (an alarm's math may hold 10 metrics, one per operation):
 * every read and write the adapters make, Scan included so that one added later is seen.
 */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.SCAN,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
];

/** SES reputation limits: AWS reviews an account above 5 % bounces or 0.1 % complaints (10 % / 0.5 % pause it). */
export const SES_BOUNCE_RATE_LIMIT = 0.05;
export const SES_COMPLAINT_RATE_LIMIT = 0.001;

/** The reminder job runs daily at 06:00: no heartbeat for 26 hours means a day was missed. */
export const HEARTBEAT_WINDOW = Duration.hours(26);

/** An unsent e-mail older than this has escaped the stream and at least three sweeps. */
export const OLDEST_UNSENT_LIMIT = Duration.minutes(30);

/**
 * Alarms that reach people, and one dashboard.
 *
 * - One SNS topic, encrypted with a key of our own (CloudWatch can publish to an encrypted topic
 *   only if the key policy lets it, and the AWS managed SNS key's cannot be changed), TLS only,
 *   with the `alarmEmail` subscription when given.
 * - Every alarm of the stack — these and the ones other constructs made (dead-letter queues, the
 *   sweeper, e-mails given up) — notifies the topic when it fires AND when it is OK again:
 *   `notifyAll` runs last and finds them all, so an alarm added later cannot be forgotten.
 * - README "Operations" says what each alarm means.
 */
export class Monitoring extends Construct {
  readonly key: Key;
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  /** The alarms made here, by id. */
  readonly alarms: Record<string, Alarm> = {};
  private readonly namespace: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.namespace = metricsNamespaceOf(this);

    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      // Alarm notifications live in the topic for seconds; nothing encrypted with it outlives the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'KUR alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    // --- the request path ------------------------------------------------------------------
    const requests = props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm(
      'Api5xxRate',
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { requests, errors: serverErrors },
        period: FIVE_MINUTES,
        label: 'API 5xx (%)',
      }),
      {
        description:
          'More than 5 % of API requests answered 5xx in 2 of the last 3 five-minute periods: users see errors.',
        threshold: 5,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      },
    );

    const functions = Stack.of(this)
      .node.findAll()
      .filter((construct): construct is KurFunction => construct instanceof KurFunction);
    // One alarm per function for both failures and throttles (metric math): half the alarms of
    // one each, which keeps the stack well inside CloudFormation's 500 resources as routes grow.
    for (const fn of functions) {
      const name = fn.node.path.split('/').slice(1).join('');
      this.alarm(
        `${name}Failures`,
        new MathExpression({
          expression: 'errors + throttles',
          usingMetrics: {
            errors: fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
            throttles: fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
          },
          period: FIVE_MINUTES,
          label: 'Errors + throttles',
        }),
        {
          description: `${fn.function.node.path}: invocations failed (uncaught error or timeout) or were throttled (account or reserved concurrency reached): ${describeFunction(fn)}. The function's Errors and Throttles metrics (Lambda console, Monitor) tell which.`,
          threshold: 1,
        },
      );
    }

    this.alarm(
      'MailerIteratorAge',
      props.streamFunction.function.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
      {
        description:
          'The mailer is more than 10 minutes behind the table stream (failing or throttled): e-mails are late; the sweeper sends what is 15 minutes old.',
        threshold: Duration.minutes(10).toMilliseconds(),
        evaluationPeriods: 2,
      },
    );

    this.alarm(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({
        operations: TABLE_OPERATIONS,
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      {
        description:
          'DynamoDB throttled requests to the table (on-demand limits reached or a hot partition).',
        threshold: 1,
      },
    );
    this.alarm(
      'TableSystemErrors',
      props.table.metricSystemErrorsForOperations({
        operations: TABLE_OPERATIONS,
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      {
        description:
          'DynamoDB answered with internal errors (HTTP 500): an AWS-side problem; requests may have failed.',
        threshold: 1,
      },
    );

    // --- e-mail ------------------------------------------------------------------------------
    this.alarm(
      'SesBounceRate',
      new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      {
        description:
          'SES bounce rate above 5 %: AWS reviews the account (at 10 % it may pause sending). See GET /email-problems for the addresses.',
        threshold: SES_BOUNCE_RATE_LIMIT,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
    );
    this.alarm(
      'SesComplaintRate',
      new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.ComplaintRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      {
        description:
          'SES complaint rate above 0.1 %: recipients mark our e-mails as spam; AWS reviews the account (at 0.5 % it may pause sending).',
        threshold: SES_COMPLAINT_RATE_LIMIT,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
    );
    this.alarm(
      'OldestUnsentEmail',
      this.business(METRIC.oldestUnsentEmailAge, SERVICE.mailer, 'Maximum', Duration.minutes(10)),
      {
        description:
          'An outbox e-mail has been unsent for more than 30 minutes (or the sweeper reported nothing for 10 minutes): the stream and the sweeper both fail to send it.',
        threshold: OLDEST_UNSENT_LIMIT.toSeconds(),
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        // The sweeper reports every 5 minutes; silence means it is not running.
        missing: TreatMissingData.BREACHING,
      },
    );

    // --- the reminder job's heartbeat ----------------------------------------------------------
    // 13 periods of 2 hours = 26 hours; every period without a heartbeat breaches, so the alarm
    // fires only when none of the last 26 hours had a successful run.
    const heartbeatPeriod = Duration.hours(2);
    this.alarm(
      'ReminderJobHeartbeat',
      this.business(METRIC.reminderJobSucceeded, SERVICE.reminders, 'Sum', heartbeatPeriod),
      {
        description:
          'The daily reminder job has not succeeded for 26 hours (failed, not started, or its schedule is gone): reminders are not sent. Also in ALARM after the first deploy until the first run at 06:00.',
        threshold: 1,
        comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: HEARTBEAT_WINDOW.toHours() / heartbeatPeriod.toHours(),
        missing: TreatMissingData.BREACHING,
      },
    );

    this.dashboard = this.buildDashboard(props, functions);
  }

  /**
   * Every alarm of the stack notifies the topic, when it fires and when it is OK again. Called by
   * KurStack once everything is built.
   */
  notifyAll(): void {
    const action = new SnsAction(this.topic);
    for (const alarm of Stack.of(this).node.findAll().filter(isAlarm)) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  /** A business metric of this stage (shared/metric-names.ts), with the Powertools `service` dimension. */
  private business(name: MetricName, service: string, statistic: string, period: Duration): Metric {
    return new Metric({
      namespace: this.namespace,
      metricName: name,
      dimensionsMap: { service },
      statistic,
      period,
    });
  }

  private alarm(
    id: string,
    metric: IMetric,
    options: {
      description: string;
      threshold: number;
      evaluationPeriods?: number;
      datapointsToAlarm?: number;
      comparison?: ComparisonOperator;
      missing?: TreatMissingData;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: options.description,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      ...(options.datapointsToAlarm ? { datapointsToAlarm: options.datapointsToAlarm } : {}),
      comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
    });
    this.alarms[id] = alarm;
    return alarm;
  }

  private buildDashboard(props: MonitoringProps, functions: KurFunction[]): Dashboard {
    const api = props.httpApi;
    const day = Duration.days(1);
    const perDay = (name: MetricName, service: string) => this.business(name, service, 'Sum', day);
    const functionErrors = new MathExpression({
      expression: `SUM([${functions.map((_, index) => `e${index}`).join(',')}])`,
      usingMetrics: Object.fromEntries(
        functions.map((fn, index) => [`e${index}`, fn.function.metricErrors({ period: FIVE_MINUTES })]),
      ),
      period: FIVE_MINUTES,
      label: 'Function errors (all functions)',
    });
    const dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `KUR-${Stack.of(this).stackName}`,
      defaultInterval: Duration.days(14),
    });
    dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# KUR\nRequests, errors and latency per 5 minutes; what the service did per day. README "Operations" explains the alarms.',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Requests',
        left: [api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Requests' })],
        width: 8,
      }),
      new GraphWidget({
        title: 'Errors',
        left: [
          api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum', label: 'API 5xx' }),
          api.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum', label: 'API 4xx' }),
          functionErrors,
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Latency (ms)',
        left: [
          api.metricLatency({ period: FIVE_MINUTES, statistic: 'p50', label: 'p50' }),
          api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99', label: 'p99' }),
        ],
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'E-mails per day',
        left: [perDay(METRIC.emailSent, SERVICE.mailer), perDay(METRIC.emailFailed, SERVICE.mailer)],
        view: GraphWidgetView.BAR,
        width: 8,
      }),
      new GraphWidget({
        title: 'Reminders per day',
        left: [perDay(METRIC.reminderSent, SERVICE.reminders)],
        view: GraphWidgetView.BAR,
        width: 8,
      }),
      new GraphWidget({
        title: 'Applications per day',
        left: [
          perDay(METRIC.applicationSubmitted, SERVICE.api),
          perDay(METRIC.applicationApproved, SERVICE.api),
        ],
        right: [perDay(METRIC.sekGranted, SERVICE.api)],
        view: GraphWidgetView.BAR,
        width: 8,
      }),
    );
    return dashboard;
  }
}

const isAlarm = (construct: IConstruct): construct is Alarm => construct instanceof Alarm;

/** What a failing function means for the people using the service. */
const describeFunction = (fn: KurFunction): string => {
  const path = fn.node.path;
  if (path.includes('/Api/')) return `its API route answers 500 (${fn.function.node.path.split('/').at(-2)})`;
  if (path.includes('StreamMailer')) return 'e-mails wait; the stream retries, then the sweeper sends them';
  if (path.includes('Sweeper')) return 'overdue e-mails are not retried until it recovers';
  if (path.includes('Reminders'))
    return 'reminders may not be written; Lambda retries twice, then the run lands in its dead-letter queue';
  if (path.includes('EmailFeedback'))
    return 'bounces and complaints are not recorded until retried from its dead-letter queue';
  return 'see its log group';
};
