import { describe, expect, it, vi } from 'vitest';
import type { Area } from '../../shared/domain/area.ts';
import type { CompletionDue } from '../../shared/domain/completion-due.ts';
import type { FollowUp } from '../../shared/domain/follow-ups.ts';
import type { ProgrammeSpec } from '../../shared/domain/programme.ts';
import type { Reminded, ReminderStep } from '../../shared/ports.ts';
import { makeReminders } from '../../shared/usecases/reminders.ts';
import { application } from '../support/domain-factories.ts';
import { areaBody } from '../support/factories.ts';

/**
 * The reminder job on in-memory ports (issue 16, item 1): the e-mail's title and status travel
 * with the obligation and the completion reminder it reads anyway, so that it reads no
 * application — only for items stored before they carried them.
 */

const STAMP = '2015-04-01T10:00:00.000Z';
const TODAY = '2015-06-30';
const area: Area = { ...areaBody(), id: 'karlstad', version: 1, createdAt: STAMP, updatedAt: STAMP };

const obligation = (overrides: Partial<FollowUp> = {}): FollowUp => ({
  id: 'f-1',
  applicationId: 'app-1',
  applicationTitle: 'Kunskap i Karlstad',
  applicationStatus: 'completed',
  applicationGoals: [],
  programmeId: 'kur2',
  areaId: 'karlstad',
  kind: 'competencePlan',
  dueOn: TODAY,
  originalDueOn: TODAY,
  anchor: 'actual',
  status: 'pending',
  submissions: [],
  reviews: [],
  deferrals: [],
  version: 1,
  createdAt: STAMP,
  updatedAt: STAMP,
  reminderOffsetsDays: [-14, 0, 7, 30],
  reminderRound: 1,
  reminderFrom: TODAY,
  remindersSent: [],
  ...overrides,
});

const completionDue = (overrides: Partial<CompletionDue> = {}): CompletionDue => ({
  applicationId: 'app-2',
  applicationTitle: 'Plan i Karlstad',
  programmeId: 'kur2',
  areaId: 'karlstad',
  dueOn: TODAY,
  status: 'pending',
  version: 1,
  createdAt: STAMP,
  updatedAt: STAMP,
  reminderOffsetsDays: [-14, 0, 7, 30],
  reminderRound: 1,
  reminderFrom: TODAY,
  remindersSent: [],
  ...overrides,
});

/** Runs the job over the given candidates; answers the e-mails it recorded and the applications it read. */
const runOver = async (candidates: Reminded[]) => {
  const recorded: ReminderStep[] = [];
  const get = vi.fn(async (id: string) => application({ id, title: `Läst ${id}`, status: 'completed' }));
  const job = makeReminders({
    reminders: {
      due: async () => candidates,
      record: async (step) => {
        recorded.push(step);
        return true;
      },
    },
    applications: { get },
    areas: { get: async () => area },
    programmes: {
      get: async () =>
        ({ managementEmails: ['kur@forsakringskassan.se'] }) as unknown as ProgrammeSpec as never,
    },
    log: { info: () => {}, warn: () => {}, error: () => {} } as never,
    formUrl: 'https://kur.example.se/',
  });
  const summary = await job.run(TODAY, new Date(`${TODAY}T06:00:00+02:00`));
  return { summary, emails: recorded.map((step) => step.email.email), applicationsRead: get.mock.calls };
};

describe('what the reminder job reads of the application', () => {
  it('reads no application when the obligation carries its title and status', async () => {
    const { summary, emails, applicationsRead } = await runOver([
      { type: 'followUp', followUp: obligation() },
    ]);
    expect(summary.sent).toBe(1);
    expect(applicationsRead).toEqual([]);
    expect(emails[0]?.subject).toBe(
      'I dag är sista dagen: kompetensutvecklingsplan för ”Kunskap i Karlstad” (LFC Karlstad), senast 2015-06-30',
    );
    expect(emails[0]?.text).toContain(
      'Gäller ansökan ”Kunskap i Karlstad” från LFC Karlstad, som är slutrapporterad.',
    );
  });

  it('says an obligation of an approved application is about an approved one', async () => {
    const { emails, applicationsRead } = await runOver([
      { type: 'followUp', followUp: obligation({ applicationStatus: 'approved' }) },
    ]);
    expect(applicationsRead).toEqual([]);
    expect(emails[0]?.text).toContain('som är beviljad.');
  });

  it('reads no application for a completion reminder: it carries the title, and is only ever an approved one’s', async () => {
    const { summary, emails, applicationsRead } = await runOver([
      { type: 'completion', completion: completionDue() },
    ]);
    expect(summary.sent).toBe(1);
    expect(applicationsRead).toEqual([]);
    expect(emails[0]?.subject).toContain('slutrapport för ”Plan i Karlstad” (LFC Karlstad)');
    expect(emails[0]?.text).toContain('som är beviljad.');
  });

  it('names an application without a title as such, without reading it', async () => {
    const { emails, applicationsRead } = await runOver([
      { type: 'followUp', followUp: obligation({ applicationTitle: '' }) },
    ]);
    expect(applicationsRead).toEqual([]);
    expect(emails[0]?.subject).toContain('”Ansökan utan titel”');
  });

  it('reads the application, once, only for obligations stored before they carried its status', async () => {
    const { applicationStatus: _s, applicationGoals: _g, ...stored } = obligation();
    const { summary, emails, applicationsRead } = await runOver([
      { type: 'followUp', followUp: { ...stored, id: 'old-1' } },
      { type: 'followUp', followUp: { ...stored, id: 'old-2', kind: 'developmentPlan' } },
      { type: 'followUp', followUp: obligation({ id: 'new', applicationId: 'app-3' }) },
    ]);
    expect(summary.sent).toBe(3);
    expect(applicationsRead).toEqual([['app-1']]);
    expect(emails.filter((e) => e.subject.includes('”Läst app-1”'))).toHaveLength(2);
    expect(emails.filter((e) => e.subject.includes('”Kunskap i Karlstad”'))).toHaveLength(1);
  });
});
