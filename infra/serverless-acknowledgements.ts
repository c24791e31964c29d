import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { FailureQueue } from './constructs/failure-queue.ts';
import { KurFunction } from './constructs/kur-function.ts';
import type { KurStack } from './stack.ts';

/**
 * cdk-nag's Serverless pack, answered resource by resource. Its three findings all ask for a
 * failure path the pack can only see in one shape (a function's DeadLetterConfig, a queue's
 * redrive policy, an async invoke config's destination); each function here has the failure path
 * that fits how it is invoked, and the reasons below say which.
 */
export const acknowledgeServerlessFindings = (stack: KurStack): void => {
  const functionsUnder = (scope: IConstruct): KurFunction[] =>
    scope.node.findAll().filter((construct): construct is KurFunction => construct instanceof KurFunction);

  const noDeadLetterQueue = (fn: KurFunction, reason: string) =>
    Validations.of(fn.function).acknowledge({ id: 'Serverless-LambdaDLQ', reason });

  for (const fn of functionsUnder(stack.api)) {
    noDeadLetterQueue(
      fn,
      'Invoked synchronously by the HTTP API: the caller receives the error (problem+json or 5xx, alarmed); ' +
        'a function DLQ only ever receives asynchronous invocations, which this function never gets.',
    );
  }
  noDeadLetterQueue(
    stack.mailer.streamFunction,
    'Fed by the DynamoDB stream: failed batches go to the event source mapping’s on-failure SQS ' +
      'destination (Mailer/StreamFailures, alarmed), which is where stream failures can go; a function ' +
      'DLQ applies to asynchronous invocations only.',
  );
  noDeadLetterQueue(
    stack.mailer.sweepFunction,
    'Run by EventBridge Scheduler every 5 minutes with no async retries on purpose: the next run is the ' +
      'retry (it re-reads what is unsent), and three failed runs in a row raise Mailer/SweeperFailing.',
  );
  noDeadLetterQueue(
    stack.emailFeedback.function,
    'Invoked by its SNS subscription, whose own dead-letter queue (EmailFeedback/Failures, alarmed) ' +
      'receives what SNS could not deliver after its retries.',
  );
  noDeadLetterQueue(
    stack.reminders.function,
    'Asynchronous failures go to an on-failure destination (Reminders/RunFailures, alarmed), which ' +
      'keeps the request and the error, unlike a DLQ; the Scheduler has its own (ScheduleFailures).',
  );
  Validations.of(stack.mailer.sweepFunction.function).acknowledge({
    id: 'Serverless-LambdaAsyncFailureDestination',
    reason:
      'A sweep that fails holds no work of its own: the outbox items stay unsent and the next run, 5 ' +
      'minutes later, picks them up; repeated failures raise the Mailer/SweeperFailing alarm.',
  });

  for (const failures of stack.node
    .findAll()
    .filter((construct): construct is FailureQueue => construct instanceof FailureQueue)) {
    Validations.of(failures.queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is itself a dead-letter queue, read by people (its alarm fires on the first message); ' +
        'nothing consumes it automatically, so a redrive policy would have nothing to redrive from.',
    });
  }
};
