import { documents } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { followUpId } from '../../shared/http/params.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { DocumentUploadBody } from '../../shared/schemas/document.ts';

export const handler = httpHandler(
  routes.uploadDocument,
  { body: DocumentUploadBody },
  async ({ caller, path, body }) =>
    json(201, await documents().requestUpload(caller, followUpId(path.id), body)),
);
