import { programmes } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

/**
 * `GET /programmes/{programmeId}/budget` (administrators): per year the appropriation, what is
 * granted and disbursed from it and what remains to grant — what the decision form shows.
 */
export const handler = httpHandler(routes.programmeBudget, {}, async ({ path }) =>
  json(200, await programmes().budget(parseParam(Id, 'programmeId', path.programmeId))),
);
