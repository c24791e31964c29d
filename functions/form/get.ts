import { CONTENT_SECURITY_POLICY, formPage } from '../../shared/form/page.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';

const html = formPage();

export const handler = httpHandler(routes.form, {}, async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  },
  body: html,
}));
