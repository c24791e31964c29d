import type { Application } from '../domain/application.ts';
import { confirmerLabel, WHAT_YOU_CONFIRM } from '../domain/confirmation-emails.ts';
import { escapeHtml } from '../domain/email.ts';
import { ACTIVITY_LABEL, CATEGORY_LABEL, capitalised, PARTNER_LABEL, sek } from '../domain/vocabulary.ts';
import type { ConfirmationPageState } from '../usecases/confirmations.ts';
import { type PublicPage, publicPage } from './public-page.ts';

/**
 * `GET /c/{token}`: a confirmer's page, apart from the form (no sign-in): the application
 * read-only, what confirming means, and two choices. Its few lines of script send the answer as
 * JSON and say how it went. The policy is the form's: this script and the form's style by hash,
 * calls to this API only. Every value from the application is escaped.
 */

const SCRIPT = `(()=>{const f=document.getElementById('answer');if(!f)return;const box=document.getElementById('errors');
const say=(html)=>{const m=document.getElementById('main');m.innerHTML=html;const h=m.querySelector('h1');h.tabIndex=-1;h.focus();};
const fail=(items)=>{const h=document.createElement('h2');h.textContent='Det finns fel';const ul=document.createElement('ul');
for(const[id,t]of items){const li=document.createElement('li');const a=document.createElement('a');a.href='#'+id;a.textContent=t;li.append(a);ul.append(li);}
box.replaceChildren(h,ul);box.hidden=false;box.focus();};
f.addEventListener('submit',async(e)=>{e.preventDefault();const d=new FormData(f);const decision=d.get('decision');const comment=String(d.get('comment')||'').trim();
if(!decision){fail([['decision-confirmed','Välj om du bekräftar ansökan eller inte']]);return;}
if(decision==='declined'&&!comment){fail([['comment','Skriv varför du inte kan bekräfta ansökan']]);return;}
const btn=f.querySelector('button');btn.disabled=true;
try{const r=await fetch(location.pathname,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(comment?{decision,comment}:{decision})});
if(r.ok){say(decision==='confirmed'?'<h1>Tack! Ansökan är bekräftad</h1><p>Området får veta det. När alla har bekräftat går ansökan till projektledningen för KUR. Du kan stänga sidan.</p>':'<h1>Ansökan går tillbaka till området</h1><p>Området får din kommentar med e-post och kan ändra ansökan. Du kan stänga sidan.</p>');return;}
if(r.status===404){say('<h1>Länken gäller inte längre</h1><p>Den har redan använts, har gått ut eller har ersatts av en ny. Be den som skickade ansökan om en ny länk.</p>');return;}
const p=await r.json().catch(()=>({}));fail([['decision-confirmed',(p.errors||[]).map((x)=>x.message).join(' ')||p.detail||'Något gick fel. Försök igen.']]);}
catch{fail([['decision-confirmed','Svaret kom inte fram. Kontrollera anslutningen och försök igen.']]);}
finally{btn.disabled=false;}});})();`;

const e = (value: string | undefined) => escapeHtml(value ?? '');

const row = (label: string, value: string) => `<div><dt>${label}</dt><dd>${value}</dd></div>`;

/** The application as the coordinator sent it, read-only. */
const applicationSummary = (app: Application): string => {
  const total = (app.budget ?? []).reduce((sum, line) => sum + line.amount, 0);
  return `<h2>Aktiviteter</h2>
<ul>${(app.activities ?? [])
    .map(
      (a) =>
        `<li><strong>${e(capitalised(ACTIVITY_LABEL[a.type]))}</strong>${a.plannedStart && a.plannedEnd ? ` (${e(a.plannedStart)} – ${e(a.plannedEnd)})` : ''}${a.description ? `<br>${e(a.description)}` : ''}</li>`,
    )
    .join('')}</ul>
<h2>Parter</h2>
<ul>${(app.partners ?? [])
    .map((p) => `<li>${e(PARTNER_LABEL[p.type])}: ${e(p.name)}, kontaktperson ${e(p.contactName)}</li>`)
    .join('')}</ul>
<h2>Budget</h2>
<table><caption>Sökta medel per år och kostnad</caption><thead><tr><th scope="col">År</th><th scope="col">Kostnad</th><th scope="col" class="num">Belopp</th></tr></thead><tbody>${(
    app.budget ?? []
  )
    .map(
      (line) =>
        `<tr><td>${line.year}</td><td>${e(capitalised(CATEGORY_LABEL[line.category]))}${line.description ? `: ${e(line.description)}` : ''}</td><td class="num">${sek(line.amount)}</td></tr>`,
    )
    .join(
      '',
    )}</tbody><tfoot><tr><th scope="row" colspan="2">Totalt</th><td class="num">${sek(total)}</td></tr></tfoot></table>
<dl class="summary">${row(
    'Brukarinflytande',
    app.userInvolvement?.consulted
      ? `Ja${app.userInvolvement.organisations?.length ? `: ${e(app.userInvolvement.organisations.join(', '))}` : ''}`
      : 'Nej',
  )}${row('Förankrad hos den lokala ledningen', app.managementAnchored ? 'Ja' : 'Nej')}</dl>`;
};

const open = ({
  application: app,
  area,
  confirmation,
  validThrough,
}: ConfirmationPageState): string => `<h1>Bekräfta ansökan: ${e(app.title ?? 'Ansökan utan titel')}</h1>
<p>${e(area.name)} har skickat in ansökan om KUR-medel. Du får frågan som ${e(confirmerLabel(confirmation.role, area))} (${e(confirmation.email)}). ${e(WHAT_YOU_CONFIRM)}</p>
<p>Länken är personlig, gäller till och med ${validThrough} och kan bara användas en gång.</p>
${applicationSummary(app)}
<h2>Ditt svar</h2>
<div id="errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
<form id="answer" novalidate>
<fieldset><legend>Bekräftar du ansökan?</legend>
<div class="choice"><input type="radio" id="decision-confirmed" name="decision" value="confirmed"><label for="decision-confirmed">Ja, jag bekräftar ansökan</label></div>
<div class="choice"><input type="radio" id="decision-declined" name="decision" value="declined"><label for="decision-declined">Nej, jag kan inte bekräfta den</label></div>
</fieldset>
<div class="field"><label for="comment">Kommentar till området</label><p class="hint" id="comment-hint">Måste fyllas i om du inte bekräftar: skriv vad som behöver ändras. Högst 2 000 tecken.</p><textarea id="comment" name="comment" rows="5" maxlength="2000" aria-describedby="comment-hint"></textarea></div>
<button type="submit" class="primary">Skicka svar</button>
</form>`;

const GONE = `<h1>Länken gäller inte längre</h1>
<p>Den har redan använts, har gått ut eller har ersatts av en ny. Be den som skickade ansökan om en ny länk.</p>`;

export const confirmationPage = (state: ConfirmationPageState | undefined): PublicPage =>
  publicPage({ title: 'Bekräfta ansökan', main: state ? open(state) : GONE, script: SCRIPT });
