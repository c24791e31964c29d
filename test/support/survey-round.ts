import type { browserSession } from './browser-session.ts';
import { applicationBody, areaBodyFor, kur2Programme } from './factories.ts';

type Session = Pick<ReturnType<typeof browserSession>, 'api' | 'asAdmin' | 'asCoordinator' | 'setClock'>;

/** A follow-up of kind participantSurvey as GET /follow-ups/{id} answers it to the coordinator. */
export interface SurveyRound {
  id: string;
  survey: { round: number; url: string };
}

/**
 * KUR 1 with two survey rounds (at the training's end and six months on), and a training of
 * `areaId` ending 2011-11-30, approved on 1 June 2011; answers the follow-up of its first round,
 * whose link the coordinator passes on to the participants.
 */
export const firstSurveyRound = async (
  { api, asAdmin, asCoordinator, setClock }: Session,
  areaId: string,
): Promise<SurveyRound> => {
  const admin = await asAdmin();
  await api(
    'PUT',
    '/programmes/kur1',
    kur2Programme({
      name: 'KUR 1',
      activityTypes: ['knowledge'],
      years: [2011, 2012].map((year) => ({ year, appropriation: 7_500_000 })),
      followUpRules: [
        { kind: 'participantSurvey', appliesTo: 'any', anchor: 'knowledge', offset: 'P0D' },
        { kind: 'participantSurvey', appliesTo: 'any', anchor: 'knowledge', offset: 'P6M' },
      ],
      surveys: { rounds: ['P0D', 'P6M'] },
    }),
    admin,
  );
  await api('PUT', `/areas/${areaId}`, areaBodyFor(areaId), admin);
  await setClock('2011-06-01T10:00:00+02:00');
  const coordinator = await asCoordinator(areaId);
  const created = await api(
    'POST',
    '/applications',
    applicationBody({
      programmeId: 'kur1',
      title: 'Utbildning om psykisk ohälsa',
      activities: [
        {
          type: 'knowledge',
          description: 'Gemensam utbildning.',
          plannedStart: '2011-09-01',
          plannedEnd: '2011-11-30',
        },
      ],
      budget: [{ year: 2011, category: 'lecturer', description: 'Föreläsare', amount: 100_000 }],
    }),
    coordinator,
  );
  await api('POST', `/applications/${created.id}/submit`, undefined, coordinator);
  await api(
    'POST',
    `/applications/${created.id}/decision`,
    { outcome: 'approved', grantedByYear: { '2011': 100_000 } },
    admin,
  );
  const owed = await api('GET', '/follow-ups', undefined, coordinator);
  const rounds: SurveyRound[] = await Promise.all(
    owed.items
      .filter(
        (f: { applicationId: string; kind: string }) =>
          f.applicationId === created.id && f.kind === 'participantSurvey',
      )
      .map((f: { id: string }) => api('GET', `/follow-ups/${f.id}`, undefined, coordinator)),
  );
  const first = rounds.find((round) => round.survey.round === 1);
  if (!first) throw new Error(`no first survey round among ${JSON.stringify(rounds)}`);
  return first;
};
