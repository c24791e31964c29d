import type { ReadMeter } from '../../ports.ts';
import { type GoalSheets, toGoalSheets } from './goal-sheet-items.ts';
import { goalSheetPartition } from './keys.ts';
import { readByArea } from './reports-table.ts';

/** P14: a programme's goal sheets (goal-sheet-items.ts), read in area ranges as P11 is. */
export const readGoalSheets = async (
  programmeId: string,
  areaIds: readonly string[],
  meter: ReadMeter,
): Promise<GoalSheets> =>
  toGoalSheets(programmeId, await readByArea({ partition: goalSheetPartition(programmeId) }, areaIds, meter));
