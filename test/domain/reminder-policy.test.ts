import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.ts';
import { type FollowUp, reanchor, startRound } from '../../shared/domain/follow-ups.ts';
import { isEscalation, nextReminderOn, stepToSend } from '../../shared/domain/reminders.ts';
import { followUp as obligation } from '../support/domain-factories.ts';

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

  it('keys the next reminder day on the next day a step can be sent', () => {
    expect(nextReminderOn(DUE, OFFSETS, [], '2015-01-01')).toBe('2015-03-17');
    expect(nextReminderOn(DUE, OFFSETS, [-14], '2015-03-17')).toBe('2015-03-31');
    expect(nextReminderOn(DUE, OFFSETS, [30], '2015-04-30')).toBeUndefined();
    expect(nextReminderOn(DUE, OFFSETS, [-14, 7], '2015-04-07')).toBe('2015-04-30');
    // Created after its first step's day: the job must find it today.
    expect(nextReminderOn(DUE, OFFSETS, [], '2015-03-20')).toBe('2015-03-20');
    // Moved later after step 0 was sent (re-anchored): −14 of the new date still comes.
    expect(nextReminderOn('2015-05-31', OFFSETS, [0], '2015-05-01')).toBe('2015-05-17');
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
          const next = nextReminderOn(DUE, steps, sent, today);
          if (next !== undefined && next <= today) expect(stepToSend(DUE, steps, sent, today)).toBeDefined();
        }
        // Steps are sent in increasing order: never a stale one after a later one.
        expect(sent).toEqual([...sent].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  /**
   * The job as it runs on the table: each day it reads the obligations whose index day has come,
   * sends the step the policy says, and writes the next index day; in between, completion may move
   * the due date (steps sent stay sent) and a review or deferral may start a new round.
   */
  type Event =
    | { type: 'run'; day: number }
    | { type: 'reanchor'; shift: number }
    | { type: 'newRound'; shift: number };
  const events = fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }).map((day): Event => ({ type: 'run', day })) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: -40, max: 40 }).map((shift): Event => ({ type: 'reanchor', shift })),
      },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 0, max: 40 }).map((shift): Event => ({ type: 'newRound', shift })),
      },
    ),
    { maxLength: 60 },
  );

  it('across re-anchoring and new rounds: at most one e-mail per step per round, and after each run the latest due step of the round has been sent', () => {
    fc.assert(
      fc.property(offsets, events, (steps, happenings) => {
        let today = '2015-02-01';
        let f: FollowUp = {
          ...obligation({ dueOn: DUE, reminderFrom: DUE, reminderOffsetsDays: steps, anchor: 'planned' }),
        };
        let indexDay = nextReminderOn(f.reminderFrom, steps, f.remindersSent, today);
        const emails = new Set<string>();
        for (const happening of happenings) {
          if (happening.type === 'run') {
            today = addDays(today, happening.day);
            if (indexDay !== undefined && indexDay <= today) {
              const step = stepToSend(f.reminderFrom, steps, f.remindersSent, today);
              if (step !== undefined) {
                const email = `${f.reminderRound}#${step}`;
                expect(emails).not.toContain(email);
                emails.add(email);
                f = { ...f, remindersSent: [...f.remindersSent, step] };
              }
              indexDay = nextReminderOn(f.reminderFrom, steps, f.remindersSent, today);
            }
            const latestDue = [...steps]
              .sort((a, b) => a - b)
              .filter((s) => addDays(f.reminderFrom, s) <= today)
              .at(-1);
            if (latestDue !== undefined) expect(f.remindersSent).toContain(latestDue);
          } else if (happening.type === 'reanchor') {
            const endedOn = addDays(DUE, happening.shift);
            f = reanchor(
              f,
              { knowledge: endedOn, collaborationPlan: endedOn },
              new Date(`${today}T12:00:00Z`),
            );
            indexDay = nextReminderOn(f.reminderFrom, steps, f.remindersSent, today);
          } else {
            f = startRound(f, addDays(today, happening.shift));
            indexDay = nextReminderOn(f.reminderFrom, steps, f.remindersSent, today);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
