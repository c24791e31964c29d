import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { RuleViolation } from '../../domain/errors.ts';
import { type Guard, isRaceGuard, violationsOf } from '../../domain/guards.ts';
import { LostRace } from '../../ports.ts';
import { tableName } from './client.ts';
import { cancellationCodes } from './items.ts';
import {
  applicationKey,
  areaTotalKey,
  completionDueKey,
  followUpKey,
  programmeKey,
  programmeYearKey,
} from './keys.ts';
import { transactWrite } from './transact.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One action of a transaction, labelled with the guard its condition enforces (if any). */
export interface GuardedAction {
  action: TransactItem;
  guard?: Guard;
}

const entityKey = (guard: Extract<Guard, { name: 'version' }>) => {
  switch (guard.entity) {
    case 'programme':
      return programmeKey(guard.id);
    case 'application':
      return applicationKey(guard.id);
    case 'followUp':
      return followUpKey(guard.id);
    case 'completionDue':
      return completionDueKey(guard.id);
  }
};

/** The condition an entity's own put carries for a `version` guard: unchanged, or absent when new. */
export const versionCondition = (version: number) =>
  version === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': version } };

/**
 * The action that enforces a guard. Conditions have no arithmetic, so each compares against a limit
 * computed here. Every grant bumps the year's `grantSequence`, which is what `grants-unchanged`
 * compares: a programme edit conflicts with any approval committed since it read the year.
 */
export const guardAction = (guard: Guard): GuardedAction => {
  switch (guard.name) {
    case 'version': {
      const { ConditionExpression, ExpressionAttributeValues } = versionCondition(guard.version);
      return {
        guard,
        action: {
          ConditionCheck: {
            TableName: tableName(),
            Key: entityKey(guard),
            ConditionExpression,
            ...(ExpressionAttributeValues ? { ExpressionAttributeValues } : {}),
          },
        },
      };
    }
    case 'year-budget':
      return {
        guard,
        action: {
          Update: {
            TableName: tableName(),
            Key: programmeYearKey(guard.programmeId, guard.year),
            UpdateExpression:
              'SET granted = if_not_exists(granted, :zero) + :amount, grantSequence = if_not_exists(grantSequence, :zero) + :one, #year = :year',
            ConditionExpression: 'attribute_not_exists(granted) OR granted <= :limit',
            ExpressionAttributeNames: { '#year': 'year' },
            ExpressionAttributeValues: {
              ':zero': 0,
              ':one': 1,
              ':amount': guard.amount,
              ':limit': guard.appropriation - guard.amount,
              ':year': guard.year,
            },
          },
        },
      };
    case 'area-cap':
      return {
        guard,
        action: {
          Update: {
            TableName: tableName(),
            Key: areaTotalKey(guard.programmeId, guard.areaId),
            UpdateExpression: 'SET granted = if_not_exists(granted, :zero) + :amount, areaId = :areaId',
            ConditionExpression: 'attribute_not_exists(granted) OR granted <= :limit',
            ExpressionAttributeValues: {
              ':zero': 0,
              ':amount': guard.amount,
              ':limit': guard.cap - guard.amount,
              ':areaId': guard.areaId,
            },
          },
        },
      };
    case 'year-disbursement':
      // Per application costs never exceed its grant (rule cost-exceeds-grant), so disbursed ≤
      // granted holds per year as long as disbursement goes only to years with grants.
      return {
        guard,
        action: {
          Update: {
            TableName: tableName(),
            Key: programmeYearKey(guard.programmeId, guard.year),
            UpdateExpression: 'SET disbursed = if_not_exists(disbursed, :zero) + :amount',
            ConditionExpression: 'attribute_exists(granted)',
            ExpressionAttributeValues: { ':zero': 0, ':amount': guard.amount },
          },
        },
      };
    case 'year-release':
      return {
        guard,
        action: {
          Update: {
            TableName: tableName(),
            Key: programmeYearKey(guard.programmeId, guard.year),
            UpdateExpression:
              'SET granted = granted - :amount, grantSequence = if_not_exists(grantSequence, :zero) + :one',
            ConditionExpression: 'granted >= :amount',
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':amount': guard.amount },
          },
        },
      };
    case 'area-release':
      return {
        guard,
        action: {
          Update: {
            TableName: tableName(),
            Key: areaTotalKey(guard.programmeId, guard.areaId),
            UpdateExpression: 'SET granted = granted - :amount',
            ConditionExpression: 'granted >= :amount',
            ExpressionAttributeValues: { ':amount': guard.amount },
          },
        },
      };
    case 'grants-unchanged':
      return {
        guard,
        action: {
          ConditionCheck: {
            TableName: tableName(),
            Key: programmeYearKey(guard.programmeId, guard.year),
            ConditionExpression:
              guard.sequence === 0 ? 'attribute_not_exists(grantSequence)' : 'grantSequence = :sequence',
            ...(guard.sequence === 0 ? {} : { ExpressionAttributeValues: { ':sequence': guard.sequence } }),
          },
        },
      };
  }
};

/**
 * Runs the actions as one transaction. When it is cancelled, the failed conditions are read back
 * as the guards they enforce — by label, never by position: a lost race (`version`,
 * `grants-unchanged`) is `LostRace`, a broken money rule is a `RuleViolation` in the domain's words.
 */
export const writeGuarded = async (actions: readonly GuardedAction[]): Promise<void> => {
  try {
    await transactWrite(actions.map((a) => a.action));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = actions.filter((_, index) => codes[index] === 'ConditionalCheckFailed');
    const guards = failed.flatMap((a) => (a.guard ? [a.guard] : []));
    // A failed condition without a guard (an append-only put) is a defect, not a user's problem.
    if (guards.length === 0 || guards.length < failed.length) throw error;
    if (guards.some(isRaceGuard)) throw new LostRace();
    throw new RuleViolation(violationsOf(guards));
  }
};
