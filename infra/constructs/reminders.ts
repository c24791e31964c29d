import { Duration, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { untalliedSurveyResponsePartition } from '../../shared/adapters/dynamodb/keys.ts';
import { FailureQueue } from './failure-queue.ts';
import { KurFunction } from './kur-function.ts';
import { functionTarget } from './schedules.ts';
import { grantTableAccess } from './table-access.ts';

export interface RemindersProps {
  readonly table: ITableV2;
  /** The form's URL (FORM_URL): reminders tell the coordinator where to submit. */
  readonly formUrl: string;
}

/**
 * The daily reminder job (functions/reminders/run.ts): once a day it finds the pending
 * obligations whose next reminder day has come (sparse index `reminders`, DATA.md P8) and writes
 * each reminder e-mail into the outbox, in the same transaction as the claim of its step (P9).
 * It sends nothing itself — the Mailer does — so it has no SES rights at all.
 *
 * When: `cron(0 6 * * ? *)` in Europe/Stockholm.
 * - Europe/Stockholm, because due dates and "today" are Stockholm calendar days (API.md): a UTC
 *   cron would move an hour between summer and winter time, and a run near midnight could work
 *   on the wrong day. The function takes "today" from the event's `time` (the scheduled time,
 *   the same on every retry) converted to Stockholm, never from its own clock.
 * - 06:00, because it exists exactly once every day: on the spring DST night Scheduler skips
 *   local times between 02:00 and 03:00 that do not exist, and in autumn that hour happens twice
 *   (PITFALLS "Schedules"). 06:00 is also before the working day, so reminders are waiting in the
 *   morning.
 *
 * Failures: Scheduler retries handing the event to Lambda and then parks it in `scheduleFailures`
 * (that covers only the hand-over); once handed over, a failing run is retried twice by Lambda and
 * then parked in `runFailures`. Retries are safe (each step is claimed once), and a day that is
 * lost altogether is caught up by the next run, which sends the latest step due.
 */
export class Reminders extends Construct {
  readonly function: KurFunction;
  readonly schedule: Schedule;
  readonly scheduleFailures: FailureQueue;
  readonly runFailures: FailureQueue;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);

    this.function = new KurFunction(this, 'Run', {
      fn: 'reminders/run',
      description: 'Daily reminder run: writes due follow-up reminders into the outbox',
      serviceName: 'kur-reminders',
      environment: { TABLE_NAME: props.table.tableName, FORM_URL: props.formUrl },
      timeout: Duration.minutes(5),
      memorySize: 1024,
    });
    // What shared/usecases/reminders.ts does: Query the sparse `reminders` index; GetItem the
    // application, area and programme; one transaction per reminder (PutItem claim, UpdateItem
    // obligation, PutItem outbox e-mail). The survey rounds (shared/usecases/surveys.ts): Query
    // GSI5 for pending surveys due by today; PutItem their links, the round's e-mail claim and, when
    // a round closes with answers, the obligation with its history event. No Scan; Delete only below.
    grantTableAccess(this.function.role, props.table, {
      // BatchGetItem: applications stored before the risk report index carried their dates.
      // ConditionCheckItem: a goal sheet is written only if the obligations it was built from are unchanged.
      items: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:ConditionCheckItem',
      ],
      // GSI1: the programmes and areas; the risk report index: a programme's approved and completed
      // applications (the weekly e-mails about money at risk, shared/usecases/risk-alerts.ts). GSI3
      // and GSI4: a programme's approved applications and its obligations, whole, read once to
      // write the goal sheets of a programme created before them (goal-sheet-fill.ts).
      queryIndexes: ['reminders', 'gsi5', 'gsi1', 'riskReport', 'gsi3', 'gsi4'],
    });
    // Survey responses stored before the report's sums existed are moved (surveys-table.ts
    // `moveUntallied`): read and deleted in their old partitions only, whose key says so.
    Grant.addToPrincipal({
      grantee: this.function.role,
      actions: ['dynamodb:Query', 'dynamodb:DeleteItem'],
      resourceArns: [props.table.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [untalliedSurveyResponsePartition('*')] },
      },
    });

    this.runFailures = new FailureQueue(this, 'RunFailures', {
      holds: 'reminder runs that failed after Lambda retried them twice',
    });
    this.function.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.runFailures.queue),
    });

    this.scheduleFailures = new FailureQueue(this, 'ScheduleFailures', {
      holds: 'reminder runs EventBridge Scheduler could not hand to Lambda',
    });
    this.schedule = new Schedule(this, 'Daily', {
      description: 'Follow-up reminders, daily at 06:00 Europe/Stockholm',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '6',
        timeZone: TimeZone.of('Europe/Stockholm'),
      }),
      target: functionTarget(this, 'Invoker', this.function, {
        deadLetterQueue: this.scheduleFailures.queue,
        retryAttempts: 10,
        maxEventAge: Duration.hours(2),
      }),
    });
  }
}
