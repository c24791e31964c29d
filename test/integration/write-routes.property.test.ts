import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApplicationBody } from '../../shared/schemas/application.ts';
import { AreaBody } from '../../shared/schemas/area.ts';
import { ProgrammeBody } from '../../shared/schemas/programme.ts';
import { api } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';

const own = coordinatorOf('karlstad');

/** Valid bodies with one field dropped or replaced by arbitrary JSON, plus arbitrary JSON itself. */
const mutated = (valid: Record<string, unknown>) =>
  fc.oneof(
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

beforeAll(async () => {
  await api.putProgramme('kur2');
  await api.putArea('karlstad');
});

describe('random bodies to the write routes', () => {
  it('never get a 5xx from PUT /programmes, and what is stored is a valid programme', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutated(kur2Programme()), async (body) => {
        const id = `prop-${n++}`;
        const response = await api.putProgramme(id, body as never);
        expect(response.status).toBeLessThan(500);
        if (response.status < 300) {
          const { followUpRules, reminderOffsetsDays, ...rest } = stripResource(response.body);
          expect(ProgrammeBody.safeParse({ ...rest, followUpRules, reminderOffsetsDays }).success).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never get a 5xx from PUT /areas, and a refused body stores nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutated(areaBody()), async (body) => {
        const id = `prop-area-${n++}`;
        const response = await api.putArea(id, body as never);
        expect(response.status).toBeLessThan(500);
        if (response.status < 300)
          expect(AreaBody.safeParse(stripResource(response.body)).success).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('never get a 5xx from POST /applications or PUT /applications/{id}, and drafts stay valid', async () => {
    const draft = await api.create(own, applicationBody());
    let version = draft.body.version as number;
    await fc.assert(
      fc.asyncProperty(mutated(applicationBody()), async (body) => {
        const created = await api.create(own, body);
        expect(created.status).toBeLessThan(500);
        if (created.status < 300)
          expect(ApplicationBody.safeParse(stripResource(created.body)).success).toBe(true);

        const replaced = await api.replace(own, draft.body.id, body, version);
        expect(replaced.status).toBeLessThan(500);
        if (replaced.status < 300) version = replaced.body.version;
        const stored = await api.get(own, draft.body.id);
        expect(stored.body.version).toBe(version);
        expect(ApplicationBody.safeParse(stripResource(stored.body)).success).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('never get a 5xx from POST /applications/{id}/decision', async () => {
    const created = await api.create(own, applicationBody());
    await api.submit(own, created.body.id);
    await fc.assert(
      fc.asyncProperty(
        mutated({ outcome: 'approved', grantedByYear: { '2014': 1, '2015': 1 }, comment: 'ok' }),
        async (body) => {
          const response = await api.decide(admin, created.body.id, body);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
