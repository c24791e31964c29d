import type { Log, ProgrammeStore } from '../ports.ts';

export interface GoalSheetPorts {
  programmes: Pick<ProgrammeStore, 'list'>;
  /** Writes the goal sheets of a programme created before them; how many (0 once it has them all). */
  fill: (programmeId: string) => Promise<number>;
  log: Log;
}

/**
 * Part of the daily job: a programme created before the goal sheets gets them, after which its
 * goals report reads them instead of every obligation (a programme made since has them from its
 * start). Once a programme has them all, what is left each day is one read of its marker.
 */
export const makeGoalSheets = ({ programmes, fill, log }: GoalSheetPorts) => ({
  run: async (): Promise<{ filled: number }> => {
    let filled = 0;
    for (const programme of await programmes.list()) {
      const written = await fill(programme.id);
      if (written > 0) log.info('goal sheets written', { programmeId: programme.id, sheets: written });
      filled += written;
    }
    return { filled };
  },
});
