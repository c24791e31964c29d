import { type CfnElement, type Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import type { KurFunction } from './kur-function.ts';

/**
 * The input EventBridge Scheduler hands a function: the shape of an EventBridge scheduled event
 * (`ScheduledEvent` of aws-lambda, as infra/local/jobs.ts builds it locally), with `time` the
 * time the run was scheduled for (`<aws.scheduler.scheduled-time>`, e.g. `2015-03-02T05:00:00Z`;
 * the same on every retry of that run). A templated Lambda target sends none of this by itself.
 */
export const scheduledEventInput = (scope: IConstruct): ScheduleTargetInput => {
  const stack = Stack.of(scope);
  return ScheduleTargetInput.fromObject({
    version: '0',
    id: ContextAttribute.executionId,
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: stack.account,
    time: ContextAttribute.scheduledTime,
    region: stack.region,
    resources: [ContextAttribute.scheduleArn],
    detail: {},
  });
};

export interface FunctionTargetOptions {
  /** How often Scheduler retries handing an event over, and for how long. */
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
  /** Where events Scheduler could not hand over go; none when a missed run needs no trace. */
  readonly deadLetterQueue?: IQueue;
}

/**
 * A schedule target invoking a KurFunction with a scheduled event, through a role of its own that
 * only schedules of this account's default group can assume and that may invoke only this
 * function (and send to the dead-letter queue, if any).
 */
export const functionTarget = (
  scope: Construct,
  id: string,
  fn: KurFunction,
  options: FunctionTargetOptions,
): LambdaInvoke => {
  const stack = Stack.of(scope);
  const role = new Role(scope, id, {
    description: `EventBridge Scheduler invokes ${fn.node.path}`,
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({
            service: 'scheduler',
            resource: 'schedule-group',
            resourceName: 'default',
          }),
        },
      },
    }),
  });
  // Lambda's grantInvoke names the function and `<function arn>:*`, its versions and aliases.
  const functionId = stack.getLogicalId(fn.function.node.defaultChild as CfnElement);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
    reason:
      'lambda:InvokeFunction on this one function and its own versions/aliases (`<function arn>:*`, ' +
      'added by grantInvoke); the schedule invokes the unqualified function.',
  });
  return new LambdaInvoke(fn.function, {
    role,
    input: scheduledEventInput(scope),
    retryAttempts: options.retryAttempts,
    maxEventAge: options.maxEventAge,
    ...(options.deadLetterQueue ? { deadLetterQueue: options.deadLetterQueue } : {}),
  });
};
