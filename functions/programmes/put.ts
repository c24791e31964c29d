import { programmes } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { parseIfMatch, resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';
import { ProgrammeBody } from '../../shared/schemas/programme.ts';

export const handler = httpHandler(
  routes.putProgramme,
  { body: ProgrammeBody },
  async ({ path, headers, body }) => {
    const id = parseParam(Id, 'programmeId', path.programmeId);
    const { created, programme } = await programmes().put(id, parseIfMatch(headers['if-match']), body);
    return resource(created ? 201 : 200, programme, created ? { location: `/programmes/${id}` } : {});
  },
);
