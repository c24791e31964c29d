import { documents } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { documentId, followUpId } from '../../shared/http/params.ts';
import { routes } from '../../shared/http/routes.ts';

/** A redirect to a presigned GET: the browser downloads from the bucket, never through the API. */
export const handler = httpHandler(routes.downloadDocument, {}, async ({ caller, path }) => ({
  statusCode: 302,
  headers: {
    location: await documents().downloadUrl(caller, followUpId(path.id), documentId(path.documentId)),
    // The link expires within minutes: no cache may keep the redirect.
    'cache-control': 'no-store',
  },
}));
