import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { ApplicationBody } from '../../shared/schemas/application.ts';
import { AreaBody } from '../../shared/schemas/area.ts';
import { ProgrammeBody } from '../../shared/schemas/programme.ts';
import { api } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';
import { tableItems } from '../support/table-contents.ts';

const own = coordinatorOf('karlstad');

/**
 * Valid bodies with one field dropped or replaced by arbitrary JSON, plus arbitrary JSON itself,
 * plus the valid body (so that each property meets accepted writes, not only refusals).
 */
const mutated = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.constant(valid),
    fc.jsonValue(),
    fc
      .record({ key: fc.constantFrom(...Object.keys(valid), '__proto__', 'extra'), value: fc.jsonValue() })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc
      .constantFrom(...Object.keys(valid))
      .map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
  );

const stripResource = ({ id, version, createdAt, updatedAt, status, ...rest }: Record<string, unknown>) =>
  rest;

/**
 * Makes one write and, when it is refused (4xx), checks that the table holds exactly what it held
 * before: no half-written item, audit event or e-mail. Counts both outcomes: a property must meet
 * refusals and accepted writes, or half of what it claims was never tried.
 */
const writes = () => {
  let refused = 0;
  let accepted = 0;
  const make = async <T extends { status: number }>(write: () => Promise<T>): Promise<T> => {
    const before = await tableItems();
    const response = await write();
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) {
      refused++;
      expect(await tableItems()).toEqual(before);
    } else accepted++;
    return response;
  };
  const expectBothOutcomes = () => {
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  };
  return { make, expectBothOutcomes };
};

beforeAll(async () => {
  // During KUR 2's years: later, every approval is refused (the years are closed).
  fixClock(new Date('2014-06-10T10:00:00Z'));
  await api.putProgramme('kur2');
  await api.putArea('karlstad');
});

afterAll(() => fixClock(undefined));

describe('random bodies to the write routes', () => {
  it('never get a 5xx from PUT /programmes, a refused body stores nothing, and what is stored is a valid programme', async () => {
    let n = 0;
    const write = writes();
    await fc.assert(
      fc.asyncProperty(mutated(kur2Programme()), async (body) => {
        const id = `prop-${n++}`;
        const response = await write.make(() => api.putProgramme(id, body as never));
        if (response.status < 300) {
          const { followUpRules, reminderOffsetsDays, ...rest } = stripResource(response.body);
          expect(ProgrammeBody.safeParse({ ...rest, followUpRules, reminderOffsetsDays }).success).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
    write.expectBothOutcomes();
  });

  it('never get a 5xx from PUT /areas, and a refused body stores nothing', async () => {
    let n = 0;
    const write = writes();
    await fc.assert(
      fc.asyncProperty(mutated(areaBody()), async (body) => {
        const id = `prop-area-${n++}`;
        const response = await write.make(() => api.putArea(id, body as never));
        if (response.status < 300)
          expect(AreaBody.safeParse(stripResource(response.body)).success).toBe(true);
      }),
      { numRuns: 60 },
    );
    write.expectBothOutcomes();
  });

  it('never get a 5xx from POST /applications or PUT /applications/{id}, a refused body stores nothing, and drafts stay valid', async () => {
    const draft = await api.create(own, applicationBody());
    let version = draft.body.version as number;
    const write = writes();
    await fc.assert(
      fc.asyncProperty(mutated(applicationBody()), async (body) => {
        const created = await write.make(() => api.create(own, body));
        if (created.status < 300)
          expect(ApplicationBody.safeParse(stripResource(created.body)).success).toBe(true);

        const replaced = await write.make(() => api.replace(own, draft.body.id, body, version));
        if (replaced.status < 300) version = replaced.body.version;
        const stored = await api.get(own, draft.body.id);
        expect(stored.body.version).toBe(version);
        expect(ApplicationBody.safeParse(stripResource(stored.body)).success).toBe(true);
      }),
      { numRuns: 60 },
    );
    write.expectBothOutcomes();
  });

  it('never get a 5xx from POST /applications/{id}/decision, and a refused decision stores nothing', async () => {
    const created = await api.create(own, applicationBody());
    await api.submit(own, created.body.id);
    const write = writes();
    await fc.assert(
      fc.asyncProperty(
        mutated({ outcome: 'approved', grantedByYear: { '2014': 1, '2015': 1 }, comment: 'ok' }),
        async (body) => {
          await write.make(() => api.decide(admin, created.body.id, body));
        },
      ),
      { numRuns: 60 },
    );
    write.expectBothOutcomes();
  });
});
