import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { sumValues } from '../../domain/application.ts';
import type { Violation } from '../../domain/errors.ts';
import type { Programme } from '../../domain/programme.ts';
import { tableName } from './client.ts';
import { areaTotalKey, programmeKey, programmeYearKey } from './keys.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Raised when the programme changed between reading it and granting from it: decide again. */
export class ProgrammeChanged extends Error {}

/**
 * The transaction actions that spend a grant, and how to read their failures. These conditions
 * are the money invariants themselves:
 * - per programme year, `granted ≤ appropriation` (the condition compares against the limit
 *   computed here, `appropriation − amount`, since conditions have no arithmetic);
 * - per area, the sum granted over all its applications `≤ maxGrantPerArea`;
 * - the appropriations are those read: the programme's version must be unchanged.
 * Amounts over a whole year's appropriation or over the cap are refused before (domain rules).
 */
export const grantActions = (programme: Programme, areaId: string, grantedByYear: Record<string, number>) => {
  const years = programme.years.filter((y) => (grantedByYear[String(y.year)] ?? 0) > 0);
  const total = sumValues(grantedByYear);
  const items: TransactItem[] = [
    {
      ConditionCheck: {
        TableName: tableName,
        Key: programmeKey(programme.id),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': programme.version },
      },
    },
    ...years.map((y) => {
      const amount = grantedByYear[String(y.year)] ?? 0;
      return {
        Update: {
          TableName: tableName,
          Key: programmeYearKey(programme.id, y.year),
          UpdateExpression: 'SET granted = if_not_exists(granted, :zero) + :amount, #year = :year',
          ConditionExpression: 'attribute_not_exists(granted) OR granted <= :limit',
          ExpressionAttributeNames: { '#year': 'year' },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':amount': amount,
            ':limit': y.appropriation - amount,
            ':year': y.year,
          },
        },
      };
    }),
    {
      Update: {
        TableName: tableName,
        Key: areaTotalKey(programme.id, areaId),
        UpdateExpression: 'SET granted = if_not_exists(granted, :zero) + :total, areaId = :areaId',
        ConditionExpression: 'attribute_not_exists(granted) OR granted <= :limit',
        ExpressionAttributeValues: {
          ':zero': 0,
          ':total': total,
          ':limit': programme.maxGrantPerArea - total,
          ':areaId': areaId,
        },
      },
    },
  ];

  /** Maps the positions (within these actions) whose conditions failed to the rules they protect. */
  const violations = (failed: readonly number[]): Violation[] => {
    if (failed.includes(0)) throw new ProgrammeChanged();
    const fullYears = years.filter((_, index) => failed.includes(index + 1)).map((y) => y.year);
    return [
      ...(fullYears.length > 0
        ? [
            {
              rule: 'budget-exceeded' as const,
              message: `Anslaget för ${fullYears.join(', ')} räcker inte till det beviljade beloppet.`,
              paths: fullYears.map((year) => `grantedByYear.${year}`),
            },
          ]
        : []),
      ...(failed.includes(years.length + 1)
        ? [
            {
              rule: 'area-cap-exceeded' as const,
              message: `Området skulle då få mer än ${programme.maxGrantPerArea.toLocaleString('sv-SE')} kr i programmet.`,
            },
          ]
        : []),
    ];
  };

  return { items, violations };
};

/**
 * The transaction actions that add a completed application's actual costs to each year's
 * `disbursed`. Per application, costs never exceed the grant (domain rule `cost-exceeds-grant`),
 * so per year `disbursed ≤ granted` holds; the condition keeps disbursement to years with grants.
 */
export const disbursementActions = (
  programmeId: string,
  disbursedByYear: Record<string, number>,
): TransactItem[] =>
  Object.entries(disbursedByYear)
    .filter(([, amount]) => amount > 0)
    .map(([year, amount]) => ({
      Update: {
        TableName: tableName,
        Key: programmeYearKey(programmeId, Number(year)),
        UpdateExpression: 'SET disbursed = if_not_exists(disbursed, :zero) + :amount',
        ConditionExpression: 'attribute_exists(granted)',
        ExpressionAttributeValues: { ':zero': 0, ':amount': amount },
      },
    }));
