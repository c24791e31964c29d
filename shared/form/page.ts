/**
 * The form page. For now a Swedish placeholder that shows the service is up; the real form
 * (issue 7) replaces the body and adds its script under the same strict CSP.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const formPage = (): string => `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KUR – ansökan om medel för samverkan</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
  h1 { font-size: 1.6rem; }
</style>
</head>
<body>
<main>
<h1>KUR – kunskapsutveckling om rehabilitering</h1>
<p>Här ansöker lokala samverkansansvariga om medel för gemensam kompetensutveckling och planer för samarbete, och följer upp sina ansökningar.</p>
<p>Formuläret är under uppbyggnad. Tjänstens gränssnitt (API) är i drift.</p>
</main>
</body>
</html>
`;
