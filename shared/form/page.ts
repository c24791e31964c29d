import { createHash } from 'node:crypto';

/**
 * The form page: one HTML document with its script (built by infra/form-assets.ts from
 * shared/form/app) and styles inline, so it loads in one request and nothing comes from anyone
 * else. The Content-Security-Policy allows exactly that script and that style (by hash), calls to
 * this API, to the documents bucket (uploads and downloads) and, deployed, to the Cognito hosted UI
 * for sign-in — nothing more.
 */

export interface FormPageOptions {
  /** The bundled browser code. */
  script: string;
  /** The Cognito hosted UI, e.g. `https://kur.auth.eu-north-1.amazoncognito.com`; absent locally. */
  authUrl?: string | undefined;
  clientId?: string | undefined;
  /** The documents bucket's origin: the browser uploads there and reads a download from there. */
  bucketOrigin?: string | undefined;
}

export interface FormPage {
  html: string;
  contentSecurityPolicy: string;
}

export const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}
a{color:#00558c;text-underline-offset:.15em}
a:hover{color:#003a60;text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 6px #ffdd00}
.skip{position:absolute;left:-999rem}
.skip:focus{position:static;display:block;padding:.5rem 1rem;background:#ffdd00;color:#1b1b1b}
.top{background:#00385e;color:#fff}
.top a,.top p{color:#fff}
.wrap,main{max-width:62rem;margin:0 auto;padding:0 1rem}
.top .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding-top:.5rem;padding-bottom:.5rem}
.brand{font-weight:700;margin:0}
#nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
#nav a[aria-current]{font-weight:700;text-decoration-thickness:3px}
#user{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin-left:auto}
#user p{margin:0;font-size:.9rem;overflow-wrap:break-word}
#user button{background:#fff;color:#00385e;border-color:#fff}
main{padding-bottom:3rem}
.foot{border-top:4px solid #00385e;background:#f3f2f1;padding:1rem 0}
.foot ul{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;margin:0;padding:0}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.2;margin:1.5rem 0 1rem;max-width:40em;overflow-wrap:break-word}
h2{font-size:1.35rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
h1:focus{outline:none}
#status p{background:#e6f4ea;border-left:6px solid #1e7b34;padding:.75rem 1rem;margin:1rem 0 0}
.field{margin:0 0 1.25rem}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{color:#484848;margin:0 0 .35rem;font-size:.95rem}
input[type=text],input[type=email],input[type=url],input[type=date],select,textarea{font:inherit;width:100%;max-width:36rem;padding:.45rem .5rem;border:2px solid #1b1b1b;border-radius:0;background:#fff;color:#1b1b1b}
input.amount{max-width:12rem;text-align:right}
textarea{min-height:4rem}
input[disabled],select[disabled]{background:#eee;color:#484848}
fieldset{border:0;padding:0;margin:0 0 1.5rem;min-width:0}
fieldset fieldset{border-left:4px solid #b1b4b6;padding-left:1rem}
fieldset>legend{font-size:1.15rem}
fieldset fieldset>legend{font-size:1rem}
.choice{display:flex;align-items:flex-start;gap:.5rem;margin:.4rem 0;flex-wrap:wrap}
.choice input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#00558c}
.choice label{font-weight:400;margin:0;flex:1}
.choice .hint{flex-basis:100%;margin-left:2rem}
.details{margin:.5rem 0 1rem 2rem}
.row,.grid{display:flex;flex-wrap:wrap;gap:0 1.5rem}
.row>*{flex:1 1 16rem}
.grid>*{flex:1 1 24rem}
.line{display:flex;flex-wrap:wrap;align-items:flex-end;gap:0 1rem;border:1px solid #b1b4b6;border-left:4px solid #00558c;padding:.25rem 1rem .25rem 1rem;margin-bottom:1rem}
fieldset fieldset.line{border-left:4px solid #00558c;padding-left:1rem}
.line>legend{flex-basis:100%}
.line .field{flex:1 1 8rem;margin-bottom:.75rem}
.line .field.wide{flex:3 1 17rem}
.line button{margin-bottom:.75rem}
button,.button{font:inherit;font-weight:600;display:inline-block;padding:.55rem 1.1rem;border:2px solid #00558c;border-radius:4px;cursor:pointer;text-decoration:none;line-height:1.3;background:#fff;color:#00558c;margin:0 .5rem .5rem 0}
button.primary,.button.primary{background:#00558c;color:#fff}
button.primary:hover,.button.primary:hover{background:#003a60}
button.small{padding:.3rem .7rem;font-size:.9rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 0;margin:1rem 0}
.totals{background:#f3f2f1;padding:.75rem 1rem;margin:1rem 0}
.totals h3{margin-top:0}
.saved{background:#e6f4ea;border-left:6px solid #1e7b34;padding:.5rem 1rem;margin:0}
.saved:empty{display:none}
.panel{background:#1e7b34;color:#fff;padding:1.5rem;margin:1.5rem 0;text-align:center}
.panel h1{margin-top:0;font-size:2rem}
.change{margin-top:.25rem}
.count{margin-top:.25rem}
.totals ul{margin:0;padding-left:1.25rem}
.warning,.error-text{color:#a4000f;font-weight:600}
.error-summary{border:4px solid #a4000f;padding:1rem 1.25rem;margin:1rem 0}
.error-summary h2{margin-top:0;font-size:1.2rem}
.error-summary a{color:#a4000f;font-weight:600}
.error-message{color:#a4000f;font-weight:600;margin:.1rem 0 .35rem}
[aria-invalid=true]{border-color:#a4000f!important;border-width:3px!important}
fieldset[aria-invalid=true]{border-left:4px solid #a4000f;padding-left:1rem}
.notice,.conflict{border-left:6px solid #00558c;background:#f0f6fa;padding:.75rem 1rem;margin:1rem 0}
.conflict{border-color:#a4000f;background:#fdf2f2}
.notice h2,.conflict h2{margin-top:0;font-size:1.15rem}
.card{border:1px solid #b1b4b6;padding:0 1rem .5rem;margin:0 0 1rem}
.tag{display:inline-block;padding:.1rem .5rem;font-weight:600;background:#e8e8e8;color:#1b1b1b}
.tag.submitted{background:#dbe9f5;color:#00385e}
.tag.approved,.tag.completed{background:#dcefe0;color:#0d4a1d}
.tag.rejected{background:#f6dcdc;color:#6b0010}
.tag.returned{background:#fff1c7;color:#4a3500}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
caption{text-align:left;font-weight:700;margin-bottom:.5rem}
th,td{text-align:left;padding:.5rem .75rem .5rem 0;border-bottom:1px solid #b1b4b6;vertical-align:top;overflow-wrap:normal;hyphens:manual}
th:last-child,td:last-child{padding-right:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nw{white-space:nowrap;font-variant-numeric:tabular-nums}
th.num{white-space:normal}
dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.inline{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.inline select{width:auto}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
figure{margin:0 0 1rem}
.chart{display:block;width:100%;max-width:40rem;height:auto;font-size:16px}
.chart text{fill:#1b1b1b}
.chart rect{stroke:#fff}
.chart .outline{fill:none;stroke:#1b1b1b}
.s0{fill:#00385e;background:#00385e}
.s1{fill:#4d8fc7;background:#4d8fc7}
.s2{fill:#d9e1e7;background:#d9e1e7}
.s3{fill:#b35900;background:#b35900}
.s4{fill:#767676;background:#767676}
.swatch{border:1px solid #1b1b1b}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0}
.swatch{display:inline-block;width:1rem;height:1rem;margin-right:.35rem;vertical-align:-.15rem}
@media (max-width:40rem){
h1{font-size:1.5rem}
table.stack thead{position:absolute;left:-999rem}
table.stack tr{display:block;border-bottom:2px solid #b1b4b6;padding:.5rem 0}
table.stack td{display:block;border:0;padding:.2rem 0;text-align:left}
table.stack td::before{content:attr(data-label);display:block;font-weight:600;font-size:.9rem;color:#484848}
dl{grid-template-columns:1fr}
dd{margin-bottom:.5rem}
.details{margin-left:0}
}
@media print{
.top,.foot,.skip,#nav,#user,.actions,button,form,.change,.error-summary,.conflict,.saved{display:none!important}
html{font-size:11pt;color:#000}
main{max-width:none;padding:0}
a{color:#000;text-decoration:none}
h2,h3{break-after:avoid}
tr,dl,.card,figure{break-inside:avoid}
.tag{border:1px solid #000;background:none}
table.stack thead{position:static}
}
`
  .trim()
  .replace(/\n/g, '');

/**
 * Every page's footer: the accessibility statement is one link away wherever the user is. The
 * link is relative, so it works under an API stage's path prefix too.
 */
export const FOOTER =
  '<footer class="foot"><div class="wrap"><ul><li><a href="tillganglighet">Tillgänglighetsredogörelse</a></li></ul></div></footer>';

export const hash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const attribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const formPage = ({ script, authUrl, clientId, bucketOrigin }: FormPageOptions): FormPage => {
  // The script sits inside <script>…</script>: a closing tag or comment opener in it would end it early.
  if (/<\/script|<!--/i.test(script)) throw new Error('The form script must not contain </script or <!--');
  const auth = authUrl ? new URL(authUrl).origin : '';
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(STYLE)}`,
    `connect-src 'self'${auth ? ` ${auth}` : ''}${bucketOrigin ? ` ${new URL(bucketOrigin).origin}` : ''}`,
    "img-src 'self' data:",
    `form-action 'self'${auth ? ` ${auth}` : ''}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const data = auth
    ? ` data-auth-url="${attribute(auth)}" data-client-id="${attribute(clientId ?? '')}"`
    : '';
  const html = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KUR – ansökan om medel för samverkan</title>
<style>${STYLE}</style>
</head>
<body${data}>
<a class="skip" id="skip" href="#main">Hoppa till innehållet</a>
<header class="top"><div class="wrap"><p class="brand">KUR – kunskapsutveckling om rehabilitering</p><nav id="nav" aria-label="Huvudmeny"></nav><div id="user"></div></div></header>
<main id="main" tabindex="-1"><div id="status" role="status"></div><div id="view"><noscript><p>Formuläret behöver JavaScript. Slå på JavaScript i webbläsaren och ladda om sidan.</p></noscript></div></main>
${FOOTER}
<script>${script}</script>
</body>
</html>
`;
  return { html, contentSecurityPolicy };
};
