import { describe, expect, it } from 'vitest';
import {
  Forbidden,
  NotFound,
  PreconditionRequired,
  StaleVersion,
  Unauthorized,
  ValidationFailed,
} from '../../shared/domain/errors.ts';
import { fieldErrors } from '../../shared/http/validation.ts';
import { ApplicationBody, CompletionBody } from '../../shared/schemas/application.ts';
import { AreaBody } from '../../shared/schemas/area.ts';
import { FollowUpSubmissionBody } from '../../shared/schemas/follow-up.ts';
import { DeferralRequestBody } from '../../shared/schemas/follow-up-actions.ts';
import { applicationBody, areaBody } from '../support/factories.ts';

/**
 * What a user reads beside a field the server (and the form, with the same schemas) refuses: it
 * says which field and what to do there, never a bare "Fyll i fältet" or a format for an empty date.
 */
const messages = (schema: { safeParse: (body: unknown) => { error?: unknown } }, body: unknown) => {
  const { error } = schema.safeParse(body);
  if (!error) return {};
  return Object.fromEntries(
    fieldErrors(error as Parameters<typeof fieldErrors>[0]).map(({ path, message }) => [path, message]),
  );
};

describe('the message beside a refused field', () => {
  it('says what to write in an empty text field', () => {
    expect(messages(AreaBody, areaBody({ name: '  ' }))).toEqual({ name: 'Skriv områdets namn' });
    expect(messages(FollowUpSubmissionBody, {})).toEqual({ summary: 'Skriv en sammanfattning' });
    const { title: _title, ...untitled } = applicationBody();
    expect(messages(ApplicationBody, { ...untitled, title: '' })).toEqual({
      title: 'Skriv en titel för ansökan',
    });
  });

  it('asks for an empty date in the field’s own words, and shows the format only for a wrong one', () => {
    expect(messages(DeferralRequestBody, { dueOn: '', reason: 'Sjukdom' })).toEqual({
      dueOn: 'Ange vilken dag ni vill lämna in senast',
    });
    expect(
      messages(CompletionBody, { activities: [{ type: 'knowledge' }], costs: [] })['activities.0.endedOn'],
    ).toBe('Ange när aktiviteten avslutades');
    const body = applicationBody();
    const activities = body.activities?.map((a, i) => (i === 0 ? { ...a, plannedStart: '2015-3-1' } : a));
    expect(messages(ApplicationBody, { ...body, activities })).toEqual({
      'activities.0.plannedStart': 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2015-03-31',
    });
  });

  it('asks for an empty e-mail address, and shows how to write one that is wrong', () => {
    expect(messages(AreaBody, areaBody({ managerEmail: '' }))).toEqual({
      managerEmail: 'Ange en e-postadress',
    });
    expect(messages(AreaBody, areaBody({ managerEmail: 'chef@' }))).toEqual({
      managerEmail: 'Skriv e-postadressen som namn@exempel.se, utan mellanslag',
    });
  });
});

describe('the detail of an error answer', () => {
  it('is Swedish when no more specific text is given', () => {
    const details = [
      new ValidationFailed([]),
      new Unauthorized(),
      new Forbidden(),
      new NotFound(),
      new StaleVersion(),
      new PreconditionRequired(),
    ].map((error) => error.message);
    expect(details).toEqual([
      'Några uppgifter saknas, är felskrivna eller okända. Se listan över fel.',
      'Logga in för att fortsätta.',
      'Din roll får inte göra detta.',
      'Uppgiften finns inte.',
      'Någon annan har ändrat detta sedan du hämtade det. Ladda om och försök igen.',
      'Skicka If-Match med den version du senast hämtade.',
    ]);
  });
});
