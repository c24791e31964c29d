import { describe, expect, it } from 'vitest';
import type { Area } from '../../shared/domain/area.ts';
import { decisionNotice, followUpReminder, submissionConfirmation } from '../../shared/domain/email.ts';
import { application } from '../support/domain-factories.ts';

const area: Area = {
  id: 'karlstad',
  name: 'LFC Karlstad',
  region: 'mitt',
  coordinatorEmails: ['samverkan.karlstad@forsakringskassan.se'],
  managerEmail: 'omradeschef.karlstad@forsakringskassan.se',
  version: 1,
  createdAt: '2014-01-01T00:00:00.000Z',
  updatedAt: '2014-01-01T00:00:00.000Z',
};
const formUrl = 'https://kur.example.se/';

const reminder = (step: number, today: string, title = 'Kunskap i Värmland') =>
  followUpReminder({
    followUp: { kind: 'competencePlan', dueOn: '2015-06-30' },
    step,
    today,
    app: application({ title, status: 'completed' }),
    area,
    managementEmails: ['kur@forsakringskassan.se'],
    formUrl,
  });

describe('e-mail subjects', () => {
  it('never carry a line break or control character, whatever the title holds', () => {
    const title = 'Rubrik\r\nBcc: angripare@example.com\n\tmed\u0000 flikar  och\u0085radbrytning';
    const app = application({ title, status: 'approved', grantedByYear: { '2014': 100_000 } });
    const emails = [
      submissionConfirmation(app, area, formUrl),
      decisionNotice(
        { ...app, decision: { outcome: 'approved', decidedOn: '2014-06-02', decidedBy: 'a' } },
        area,
        formUrl,
      ),
      reminder(7, '2015-07-07', title),
    ];
    for (const email of emails) {
      expect(email.subject).not.toMatch(/\p{Cc}/u);
      expect(email.subject).toContain('Rubrik Bcc: angripare@example.com med flikar och radbrytning');
    }
  });

  it('keep the line breaks a user typed in the body', () => {
    const email = submissionConfirmation(application({ title: 'Rad ett\nrad två' }), area, formUrl);
    expect(email.text).toContain('Rad ett\nrad två');
  });
});

describe('the reminder e-mail', () => {
  it('says how many days late the document is on the day it is sent, not the step', () => {
    // The +7 step is sent on day +15 when the runs of days +7 to +14 were missed.
    const email = reminder(7, '2015-07-15');
    expect(email.subject).toMatch(/^Försenad 15 dagar: /);
    expect(email.text).toContain('senast 2015-06-30. Den är nu 15 dagar försenad.');
    expect(email.text).not.toContain('7 dagar');
    expect(email.cc).toEqual([area.managerEmail, 'kur@forsakringskassan.se']);
  });

  it('says one day in the singular', () => {
    expect(reminder(0, '2015-07-01').text).toContain('Den är nu 1 dag försenad.');
  });

  it('says in a natural sentence that today is the last day', () => {
    const email = reminder(0, '2015-06-30');
    expect(email.subject).toBe(
      'I dag är sista dagen: kompetensutvecklingsplan för ”Kunskap i Värmland” (LFC Karlstad), senast 2015-06-30',
    );
    expect(email.text).toContain('I dag, 2015-06-30, ska LFC Karlstad lämna in en kompetensutvecklingsplan.');
    expect(email.text).toContain('välj Uppföljningar och lämna in er kompetensutvecklingsplan med en kort');
  });

  it('names the area in the genitive as Swedish writes it, a name ending in s included', () => {
    const returned = (name: string) =>
      followUpReminder({
        followUp: { kind: 'competencePlan', dueOn: '2015-06-30', resubmitBy: '2015-07-14' },
        step: 0,
        today: '2015-07-01',
        app: application({ title: 'Kunskap', status: 'completed' }),
        area: { ...area, name },
        managementEmails: [],
        formUrl,
      }).text;
    expect(returned('LFC Karlstad')).toContain('tillbaka LFC Karlstads kompetensutvecklingsplan för');
    expect(returned('LFC Hagfors')).toContain('tillbaka LFC Hagfors kompetensutvecklingsplan för');
  });

  it('says what was to be handed in again with the possessive, as Swedish inflects it', () => {
    const late = followUpReminder({
      followUp: { kind: 'collaborationPlan', dueOn: '2015-06-30', resubmitBy: '2015-07-14' },
      step: 7,
      today: '2015-07-20',
      app: application({ title: 'Kunskap', status: 'completed' }),
      area,
      managementEmails: [],
      formUrl,
    });
    expect(late.text).toContain(
      'LFC Karlstad skulle ha lämnat in sin kompletterade plan för samarbete senast 2015-07-14.',
    );
  });

  it('counts the days left before the due date from the day it is sent', () => {
    const email = reminder(-14, '2015-06-20');
    expect(email.text).toContain('Om 10 dagar, 2015-06-30,');
    expect(email.cc).toEqual([]);
  });
});
