import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { hash, STYLE } from './page.ts';

/**
 * The small server-rendered pages people reach by a link, without signing in (the participant
 * survey, the confirmation page): the form's look, one short script by hash, calls to this API
 * only, and never kept by a shared cache (they change with the day and the person).
 */

export interface PublicPage {
  html: string;
  contentSecurityPolicy: string;
}

export const publicPage = ({
  title,
  main,
  script,
}: {
  title: string;
  main: string;
  script: string;
}): PublicPage => ({
  contentSecurityPolicy: [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(STYLE)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  html: `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${title} – KUR</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Hoppa till innehållet</a>
<header class="top"><div class="wrap"><p class="brand">KUR – kunskapsutveckling om rehabilitering</p></div></header>
<main id="main" tabindex="-1">
${main}
</main>
<footer class="foot"><div class="wrap"><ul><li><a href="../tillganglighet">Tillgänglighetsredogörelse</a></li></ul></div></footer>
<script>${script}</script>
</body>
</html>
`,
});

/** The page as an HTTP answer. */
export const pageAnswer = (statusCode: number, page: PublicPage): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'private, no-store',
  },
  body: page.html,
});
