import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { isEscalation, nextReminderOn, stepToSend } from '../../shared/domain/reminders.ts';

const OFFSETS = [-14, 0, 7, 30];
const DUE = '2015-03-31';

describe('the reminder policy', () => {
  it('sends nothing before the first step', () => {
    expect(stepToSend(DUE, OFFSETS, [], '2015-03-16')).toBeUndefined();
    expect(stepToSend(DUE, OFFSETS, [], '2015-03-17')).toBe(-14);
  });

  it('sends each step on its day, once', () => {
    expect(stepToSend(DUE, OFFSETS, [-14], '2015-03-20')).toBeUndefined();
    expect(stepToSend(DUE, OFFSETS, [-14], '2015-03-31')).toBe(0);
    expect(stepToSend(DUE, OFFSETS, [-14, 0], '2015-04-07')).toBe(7);
    expect(stepToSend(DUE, OFFSETS, [-14, 0, 7], '2015-04-30')).toBe(30);
    expect(stepToSend(DUE, OFFSETS, [-14, 0, 7, 30], '2016-01-01')).toBeUndefined();
  });

  it('catches up a missed run with only the latest step (DOMAIN.md: first run on 2015-06-15 sends +30)', () => {
    expect(stepToSend(DUE, OFFSETS, [], '2015-06-15')).toBe(30);
    expect(stepToSend(DUE, OFFSETS, [-14], '2015-04-08')).toBe(7);
  });

  it('keys the next reminder day on the step after the last one sent', () => {
    expect(nextReminderOn(DUE, OFFSETS, [])).toBe('2015-03-17');
    expect(nextReminderOn(DUE, OFFSETS, [-14])).toBe('2015-03-31');
    expect(nextReminderOn(DUE, OFFSETS, [30])).toBeUndefined();
    expect(nextReminderOn(DUE, OFFSETS, [-14, 7])).toBe('2015-04-30');
  });

  it('escalates from the first step after the due date', () => {
    expect([-14, 0, 7, 30].map(isEscalation)).toEqual([false, false, true, true]);
  });

  const runDays = fc
    .uniqueArray(fc.integer({ min: -40, max: 80 }), { maxLength: 30 })
    .map((days) => [...days].sort((a, b) => a - b));
  const offsets = fc.uniqueArray(fc.integer({ min: -30, max: 60 }), { minLength: 1, maxLength: 6 });

  it('for any sequence of run days: each step is sent at most once, and after each run the latest due step has been sent', () => {
    fc.assert(
      fc.property(offsets, runDays, (steps, days) => {
        const sent: number[] = [];
        for (const day of days) {
          const today = addDays(DUE, day);
          const step = stepToSend(DUE, steps, sent, today);
          if (step !== undefined) {
            expect(sent).not.toContain(step);
            sent.push(step);
          }
          const latestDue = [...steps]
            .sort((a, b) => a - b)
            .filter((s) => s <= day)
            .at(-1);
          if (latestDue !== undefined) expect(sent).toContain(latestDue);
          // The job finds the obligation again exactly when a step can be sent.
          const next = nextReminderOn(DUE, steps, sent);
          if (next !== undefined && next <= today) expect(stepToSend(DUE, steps, sent, today)).toBeDefined();
        }
        // Steps are sent in increasing order: never a stale one after a later one.
        expect(sent).toEqual([...sent].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });
});
