import { escapeHtml } from '../domain/email.ts';
import { FOOTER, hash, STYLE } from './page.ts';

/**
 * `/tillganglighet`: the accessibility statement, in the structure DIGG asks for (who stands
 * behind the service, how accessible it is, what to do when something does not work, how to
 * report a problem, supervision with a link to DIGG's complaint form, the technical information
 * with the compliance level, the content that is not accessible, how the service was tested).
 * Plain HTML with the form's own style and no script: it must work when the form does not.
 */

/** When the statement was last reviewed against the service (DIGG asks for the date). */
const REVIEWED_ON = '2026-12-01';

export interface StatementPage {
  html: string;
  contentSecurityPolicy: string;
}

export const accessibilityStatement = (contact: string): StatementPage => {
  const mail = escapeHtml(contact);
  const html = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tillgänglighetsredogörelse – KUR</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Hoppa till innehållet</a>
<header class="top"><div class="wrap"><p class="brand">KUR – kunskapsutveckling om rehabilitering</p><nav aria-label="Huvudmeny"><ul><li><a href="./">Till tjänsten</a></li></ul></nav></div></header>
<main id="main" tabindex="-1">
<h1>Tillgänglighetsredogörelse</h1>
<p>Försäkringskassan står bakom den här tjänsten, där lokala samverkansområden ansöker om medel ur programmet Kunskapsutveckling om rehabilitering (KUR) och rapporterar hur arbetet gått. Vi vill att så många som möjligt ska kunna använda tjänsten. Här beskriver vi hur tjänsten uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera problem till oss så att vi kan rätta dem.</p>
<h2>Hur tillgänglig är tjänsten?</h2>
<p>Tjänsten är delvis förenlig med lagen. Vi känner till några brister; de beskrivs under <a href="#brister">Innehåll som inte är tillgängligt</a>.</p>
<h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>
<p>Om du behöver en ansökan, ett beslut eller en rapport i ett annat format kan du skriva till oss på <a href="mailto:${mail}">${mail}</a>. Vi svarar inom fem arbetsdagar.</p>
<h2>Rapportera brister i tjänstens tillgänglighet</h2>
<p>Vi arbetar hela tiden med att göra tjänsten bättre. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du tycker att vi inte uppfyller lagen, skriv till <a href="mailto:${mail}">${mail}</a>. Berätta gärna vilken sida det gäller och vad som hände, så att vi kan rätta det.</p>
<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen av lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du <a href="https://www.digg.se/tdosanmalan">anmäla det till Digg</a>.</p>
<h2>Teknisk information om tjänstens tillgänglighet</h2>
<p>Tjänsten är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. Vi följer standarden WCAG 2.1 på nivå AA.</p>
<h2 id="brister">Innehåll som inte är tillgängligt</h2>
<h3>Bristande förenlighet med lagkraven</h3>
<ul>
<li>Dokument som områdena laddar upp (till exempel planer och rapporter i PDF eller Word) granskar vi inte. De kan sakna rubriker, textalternativ eller läsordning (WCAG 1.1.1, 1.3.1).</li>
<li>Inloggningssidan, där du loggar in med ditt konto, kommer från en annan leverantör och har inte granskats lika noga som resten av tjänsten.</li>
<li>I diagrammen skiljs staplarna åt med färg. Varje diagram har en textbeskrivning och en tabell med samma siffror, så uppgifterna går att läsa utan att se färgerna (WCAG 1.4.1).</li>
</ul>
<h2>Hur vi testat tjänsten</h2>
<p>Vi har själva granskat tjänsten. Varje sida testas automatiskt med verktyget axe mot WCAG 2.1 nivå A och AA i webbläsaren Chromium, i bredderna 1280 och 390 pixlar, och vi har gått igenom formulären med bara tangentbord.</p>
<p>Redogörelsen uppdaterades senast ${REVIEWED_ON}.</p>
</main>
${FOOTER}
</body>
</html>
`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `style-src ${hash(STYLE)}`,
    "img-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
};
