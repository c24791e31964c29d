import { clock } from '../../shared/adapters/clock.ts';
import { programmesTable } from '../../shared/adapters/dynamodb/programmes-table.ts';
import { withDefaults } from '../../shared/domain/programme.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { parseIfMatch, resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';
import { ProgrammeBody } from '../../shared/schemas/programme.ts';
import { createOrReplace, nextVersion } from '../../shared/usecases/create-or-replace.ts';

export const handler = httpHandler(
  routes.putProgramme,
  { body: ProgrammeBody },
  async ({ path, headers, body }) => {
    const id = parseParam(Id, 'programmeId', path.programmeId);
    const { created, resource: programme } = await createOrReplace(
      programmesTable,
      id,
      parseIfMatch(headers['if-match']),
      (previous) => nextVersion(id, withDefaults(body), previous, clock.now()),
    );
    return resource(created ? 201 : 200, programme, created ? { location: `/programmes/${id}` } : {});
  },
);
