import type { browserSession } from '../../support/browser-session.ts';
import { areaBodyFor, kur2Programme } from '../../support/factories.ts';

type Session = Pick<ReturnType<typeof browserSession>, 'api' | 'asAdmin'>;

/**
 * An area and a programme of a test's own, put in place through the API by an administrator, so
 * that what a test counts or sums there is its own doing alone, whatever the other tests of the
 * file did and in whatever order they ran.
 */
export const ownData = ({ api, asAdmin }: Session) => ({
  ownArea: async (areaId: string) => api('PUT', `/areas/${areaId}`, areaBodyFor(areaId), await asAdmin()),
  /** A programme like KUR 2 under an id of the test's own: its totals are the test's doing alone. */
  ownProgramme: async (programmeId: string) =>
    api(
      'PUT',
      `/programmes/${programmeId}`,
      kur2Programme({ name: `KUR 2 (${programmeId})` }),
      await asAdmin(),
    ),
});
