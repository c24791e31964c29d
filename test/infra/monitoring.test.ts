import { type CfnElement, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTE_THROTTLE } from '../../infra/constructs/applications-api.ts';
import { KurFunction } from '../../infra/constructs/kur-function.ts';
import { MAILER_RESERVED_CONCURRENCY } from '../../infra/constructs/mailer.ts';
import { readSettings } from '../../infra/settings.ts';
import { routeList } from '../../shared/http/routes.ts';
import { METRIC } from '../../shared/metric-names.ts';
import { type SynthesizedStack, synthesizedStack } from '../support/synthesized-stack.ts';

/**
 * Operations, asserted on the synthesized template: alarms that reach people (every alarm of the
 * stack notifies one encrypted topic, firing and OK), the heartbeat and the other alarms of
 * README "Operations", per-route throttles, the mailer's reserved concurrency, retained logs, and a
 * snapshot of every function's IAM policy so that a widened permission shows in review. Built
 * unbundled by `synthesizedStack`.
 */
type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
};

/** One entry of a metric-math alarm's `Metrics`. */
interface MathMetric {
  MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: unknown } };
}

const build = (alarmEmail?: string): SynthesizedStack => synthesizedStack(alarmEmail ? { alarmEmail } : {});

let withEmail: SynthesizedStack;
let withoutEmail: SynthesizedStack;

beforeAll(() => {
  withEmail = build('drift@example.se');
  withoutEmail = build();
}, 900_000);

const resources = (built: SynthesizedStack, type: string): Record<string, Resource> =>
  built.template.findResources(type) as Record<string, Resource>;

const logicalId = (element: CfnElement): string => Stack.of(element).getLogicalId(element);

const alarms = () => resources(withEmail, 'AWS::CloudWatch::Alarm');

/** The alarm whose metric (or one of whose math metrics) is `metricName`. */
const alarmOn = (metricName: string): Resource => {
  const found = Object.values(alarms()).filter((alarm) =>
    JSON.stringify(alarm.Properties).includes(`"${metricName}"`),
  );
  expect(found, metricName).toHaveLength(1);
  return found[0] as Resource;
};

const kurFunctions = (built: SynthesizedStack): KurFunction[] =>
  built.stack.node
    .findAll()
    .filter((construct): construct is KurFunction => construct instanceof KurFunction);

describe('alarm topic', () => {
  it('is encrypted with a key of its own that CloudWatch may use, and accepts TLS only', () => {
    const topicId = logicalId(withEmail.stack.monitoring.topic.node.defaultChild as CfnElement);
    const keyId = logicalId(withEmail.stack.monitoring.key.node.defaultChild as CfnElement);
    const topic = resources(withEmail, 'AWS::SNS::Topic')[topicId] as Resource;
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });

    const key = resources(withEmail, 'AWS::KMS::Key')[keyId] as Resource;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = (key.Properties.KeyPolicy as { Statement: { Principal?: { Service?: string } }[] })
      .Statement;
    expect(statements.some((statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com')).toBe(
      true,
    );

    const policies = Object.values(resources(withEmail, 'AWS::SNS::TopicPolicy')).filter((policy) =>
      JSON.stringify(policy.Properties.Topics).includes(topicId),
    );
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
  });

  it('e-mails alarmEmail when given, and has no subscriber without it', () => {
    withEmail.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@example.se',
      TopicArn: { Ref: logicalId(withEmail.stack.monitoring.topic.node.defaultChild as CfnElement) },
    });
    const emailSubscriptions = Object.values(resources(withoutEmail, 'AWS::SNS::Subscription')).filter(
      (subscription) => subscription.Properties.Protocol === 'email',
    );
    expect(emailSubscriptions).toEqual([]);
    expect(resources(withoutEmail, 'AWS::SNS::Topic')).toHaveProperty(
      logicalId(withoutEmail.stack.monitoring.topic.node.defaultChild as CfnElement),
    );
  });

  it('is read from -c alarmEmail, which must be an address when given', () => {
    const context = (given: Record<string, unknown>) => (key: string) =>
      ({ region: 'eu-north-1', senderEmail: 'kur@fk.se', ...given })[key];
    expect(readSettings(context({ alarmEmail: 'drift@fk.se' })).alarmEmail).toBe('drift@fk.se');
    expect(readSettings(context({}))).not.toHaveProperty('alarmEmail');
    expect(() => readSettings(context({ alarmEmail: 'drift' }))).toThrow(/alarmEmail/);
  });
});

describe('alarms', () => {
  it('every alarm of the stack notifies the topic when it fires and when it is OK again', () => {
    const topic = { Ref: logicalId(withEmail.stack.monitoring.topic.node.defaultChild as CfnElement) };
    const all = Object.entries(alarms());
    expect(all.length).toBeGreaterThan(kurFunctions(withEmail).length);
    for (const [id, alarm] of all) {
      expect(alarm.Properties.AlarmActions, id).toEqual([topic]);
      expect(alarm.Properties.OKActions, id).toEqual([topic]);
    }
  });

  it('includes the six alarms the other constructs made (four dead-letter queues, the sweeper, e-mails given up)', () => {
    const ids = Object.keys(alarms());
    expect(ids.filter((id) => id.includes('NotEmpty'))).toHaveLength(4);
    expect(ids.some((id) => id.includes('SweeperFailing'))).toBe(true);
    expect(ids.some((id) => id.includes('GaveUp'))).toBe(true);
  });

  it('watches errors and throttles of every function: each API route, mailer, sweeper, feedback, reminders', () => {
    const functions = kurFunctions(withEmail);
    expect(functions).toHaveLength(routeList.length + 4);
    // One metric-math alarm per function: its errors plus its throttles.
    const watched = (metricName: string) =>
      Object.values(alarms()).flatMap((alarm) =>
        ((alarm.Properties.Metrics ?? []) as MathMetric[])
          .filter(
            (metric) =>
              metric.MetricStat?.Metric.MetricName === metricName &&
              metric.MetricStat.Metric.Namespace === 'AWS/Lambda',
          )
          .map((metric) => JSON.stringify(metric.MetricStat?.Metric.Dimensions)),
      );
    for (const fn of functions) {
      const dimension = JSON.stringify([
        { Name: 'FunctionName', Value: { Ref: logicalId(fn.function.node.defaultChild as CfnElement) } },
      ]);
      expect(watched('Errors'), fn.node.path).toContain(dimension);
      expect(watched('Throttles'), fn.node.path).toContain(dimension);
    }
  });

  it('fires when no reminder run has succeeded for 26 hours, missing data counting as a missed run', () => {
    const heartbeat = alarmOn(METRIC.reminderJobSucceeded).Properties;
    expect(heartbeat).toMatchObject({
      Namespace: 'KurGrants/test',
      Dimensions: [{ Name: 'service', Value: 'kur-reminders' }],
      Statistic: 'Sum',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    expect((heartbeat.Period as number) * (heartbeat.EvaluationPeriods as number)).toBe(26 * 3600);
  });

  it('fires when the oldest unsent e-mail is older than 30 minutes, or the sweeper stops reporting', () => {
    expect(alarmOn(METRIC.oldestUnsentEmailAge).Properties).toMatchObject({
      Namespace: 'KurGrants/test',
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 1800,
      TreatMissingData: 'breaching',
    });
  });

  it('watches SES reputation: bounces above 5 %, complaints above 0.1 %', () => {
    expect(alarmOn('Reputation.BounceRate').Properties).toMatchObject({
      Namespace: 'AWS/SES',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0.05,
    });
    expect(alarmOn('Reputation.ComplaintRate').Properties).toMatchObject({ Threshold: 0.001 });
  });

  it('watches the mailer stream iterator age, the API 5xx rate and DynamoDB throttles and system errors', () => {
    expect(alarmOn('IteratorAge').Properties).toMatchObject({
      Dimensions: [
        {
          Name: 'FunctionName',
          Value: {
            Ref: logicalId(withEmail.stack.mailer.streamFunction.function.node.defaultChild as CfnElement),
          },
        },
      ],
    });
    expect(JSON.stringify(alarmOn('5xx').Properties)).toContain('100 * errors / requests');
    const table = JSON.stringify(alarms());
    expect(table).toContain('"ThrottledRequests"');
    expect(table).toContain('"SystemErrors"');
  });

  it('has one dashboard with requests, errors, latency p50/p99 and the daily business figures', () => {
    const dashboards = Object.values(resources(withEmail, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);
    for (const expected of [
      'Requests',
      'Latency',
      'p50',
      'p99',
      METRIC.emailSent,
      METRIC.emailFailed,
      METRIC.reminderSent,
      METRIC.applicationSubmitted,
      METRIC.applicationApproved,
      METRIC.sekGranted,
    ]) {
      expect(body).toContain(expected);
    }
  });
});

describe('metrics namespace', () => {
  it('is KurGrants/<stage> in every function, and for the metric filter of e-mails given up', () => {
    for (const fn of Object.values(resources(withEmail, 'AWS::Lambda::Function'))) {
      const variables = (fn.Properties.Environment as { Variables?: Record<string, string> } | undefined)
        ?.Variables;
      if (!variables?.POWERTOOLS_SERVICE_NAME) continue; // CDK's own helper functions
      expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe('KurGrants/test');
    }
    withEmail.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [
        { MetricNamespace: 'KurGrants/test', MetricName: 'OutboxEmailsGivenUp', MetricValue: '1' },
      ],
    });
  });
});

describe('edge and limits', () => {
  type RouteSettings = Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
  const stage = () => {
    const stages = Object.values(resources(withEmail, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    return stages[0] as Resource;
  };

  it('throttles every route, the public ones lower than any signed-in one, within the stage limit', () => {
    const settings = stage().Properties.RouteSettings as RouteSettings;
    const defaults = stage().Properties.DefaultRouteSettings as RouteSettings[string];
    expect(Object.keys(settings).sort()).toEqual(
      routeList.map((route) => `${route.method} ${route.path}`).sort(),
    );
    const publicKeys = routeList.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect(publicKeys).toEqual(expect.arrayContaining(['GET /', 'GET /health']));
    const signedIn = Object.entries(settings).filter(([key]) => !publicKeys.includes(key));
    const lowestSignedIn = Math.min(...signedIn.map(([, s]) => s.ThrottlingRateLimit));
    const lowestSignedInBurst = Math.min(...signedIn.map(([, s]) => s.ThrottlingBurstLimit));
    for (const key of publicKeys) {
      expect(settings[key]).toEqual({
        ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
      });
      expect(settings[key]?.ThrottlingRateLimit).toBeLessThan(lowestSignedIn);
      expect(settings[key]?.ThrottlingBurstLimit).toBeLessThan(lowestSignedInBurst);
    }
    for (const [, s] of signedIn) {
      expect(s.ThrottlingRateLimit).toBeLessThanOrEqual(defaults.ThrottlingRateLimit);
      expect(s.ThrottlingBurstLimit).toBeLessThanOrEqual(defaults.ThrottlingBurstLimit);
    }
  });

  it('deploys the routes before the stage that names them', () => {
    const routeIds = Object.keys(resources(withEmail, 'AWS::ApiGatewayV2::Route'));
    expect(stage().DependsOn ?? []).toEqual(expect.arrayContaining(routeIds));
  });

  it('reserves concurrency for the mailer (the SES send rate), and only for it', () => {
    const reserved = Object.entries(resources(withEmail, 'AWS::Lambda::Function')).filter(
      ([, fn]) => fn.Properties.ReservedConcurrentExecutions !== undefined,
    );
    expect(reserved.map(([id]) => id)).toEqual([
      logicalId(withEmail.stack.mailer.streamFunction.function.node.defaultChild as CfnElement),
    ]);
    expect(reserved[0]?.[1].Properties.ReservedConcurrentExecutions).toBe(MAILER_RESERVED_CONCURRENCY);
  });

  it('keeps every function log group and the access logs when the stack is deleted', () => {
    const groups = resources(withEmail, 'AWS::Logs::LogGroup');
    for (const fn of kurFunctions(withEmail)) {
      const group = groups[logicalId(fn.logGroup.node.defaultChild as CfnElement)];
      expect(group?.DeletionPolicy, fn.node.path).toBe('Retain');
      expect(group?.UpdateReplacePolicy, fn.node.path).toBe('Retain');
    }
    for (const [id, group] of Object.entries(groups)) expect(group.DeletionPolicy, id).toBe('Retain');
  });
});

describe('IAM', () => {
  /** Logical ids end in an 8-character hash of their path; only the readable part is compared. */
  const normalise = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replace(/\b([A-Za-z][A-Za-z0-9]*?)[0-9A-F]{8}\b/g, '$1'));

  it('gives each function exactly the permissions of the snapshot (review every change to it)', async () => {
    const policies = resources(withEmail, 'AWS::IAM::Policy');
    const byFunction: Record<string, unknown> = {};
    for (const fn of kurFunctions(withEmail).sort((a, b) => a.node.path.localeCompare(b.node.path))) {
      const policy = fn.role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnElement | undefined;
      byFunction[fn.node.path] = policy
        ? normalise(policies[logicalId(policy)]?.Properties.PolicyDocument)
        : null;
    }
    await expect(`${JSON.stringify(byFunction, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/function-iam-policies.json',
    );
  });
});

describe('cdk-nag', () => {
  it('AwsSolutions stays clean with the monitoring in place', () => {
    for (const built of [withEmail, withoutEmail]) {
      expect(built.synthError).toBeUndefined();
      const report = new AwsSolutionsChecks().validateScope(built.app);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
        [],
      );
    }
  });
});
