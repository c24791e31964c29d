import { escapeHtml } from '../domain/email.ts';
import { questionsOf, SURVEY_ANSWERS, SURVEY_COMMENT_MAX, type SurveyQuestion } from '../domain/surveys.ts';
import { SURVEY_ANSWER_LABEL, SURVEY_QUESTION_LABEL, wholeNumber } from '../domain/vocabulary.ts';
import type { SurveyPageState } from '../usecases/surveys.ts';
import { type PublicPage, publicPage } from './public-page.ts';

/**
 * `GET /s/{token}`: the participant survey, a small server-rendered page apart from the form (no
 * sign-in, nothing to download but itself). It works on a phone and with a keyboard alone; its
 * few lines of script send the answers as JSON and say how it went. The policy is the form's:
 * exactly this script and the form's style by hash, calls to this API only.
 */

/** Sends the answers; the server checks them again. Status codes as API.md says. */
const SCRIPT = `(()=>{const f=document.getElementById('survey');if(!f)return;const box=document.getElementById('errors');
const say=(html)=>{const m=document.getElementById('main');m.innerHTML=html;const h=m.querySelector('h1');h.tabIndex=-1;h.focus();};
const fail=(items)=>{const h=document.createElement('h2');h.textContent='Det finns fel i enkäten';const ul=document.createElement('ul');
for(const[id,t]of items){const li=document.createElement('li');const a=document.createElement('a');a.href='#'+id;a.textContent=t;li.append(a);ul.append(li);}
box.replaceChildren(h,ul);box.hidden=false;box.focus();};
f.addEventListener('submit',async(e)=>{e.preventDefault();const d=new FormData(f);const b={};const missing=[];
for(const s of f.querySelectorAll('fieldset[data-name]')){const n=s.dataset.name;const v=d.get(n);if(v===null){missing.push([n+'-0','Välj ett svar: '+s.querySelector('legend').textContent]);continue;}b[n]=n==='rating'?Number(v):v;}
const c=String(d.get('comment')||'').trim();if(c)b.comment=c;if(missing.length){fail(missing);return;}
const btn=f.querySelector('button');btn.disabled=true;
try{const r=await fetch(location.pathname.replace(/\\/$/,'')+'/responses',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(b),credentials:'same-origin'});
if(r.status===201){say('<h1>Tack för ditt svar!</h1><p>Ditt svar är sparat. Du kan stänga sidan.</p>');return;}
if(r.status===409){say('<h1>Du har redan svarat</h1><p>Det går bara att svara en gång från samma webbläsare. Tack för ditt svar!</p>');return;}
if(r.status===404){say('<h1>Enkäten är stängd</h1><p>Det går inte längre att svara på enkäten.</p>');return;}
const p=await r.json().catch(()=>({}));fail([['rating-0',r.status===429?'Många svarar just nu. Vänta en minut och skicka igen.':(p.errors||[]).map((x)=>x.message).join(' ')||p.detail||'Något gick fel. Försök igen.']]);}
catch{fail([['rating-0','Svaret kom inte fram. Kontrollera anslutningen och försök igen.']]);}
finally{btn.disabled=false;}});})();`;

const radios = (name: string, legend: string, options: readonly (readonly [string, string])[], hint = '') =>
  `<fieldset data-name="${name}"><legend>${escapeHtml(legend)}</legend>${hint ? `<p class="hint">${escapeHtml(hint)}</p>` : ''}${options
    .map(
      ([value, label], i) =>
        `<div class="choice"><input type="radio" id="${name}-${i}" name="${name}" value="${value}"><label for="${name}-${i}">${escapeHtml(label)}</label></div>`,
    )
    .join('')}</fieldset>`;

const question = (q: SurveyQuestion) =>
  radios(
    q,
    SURVEY_QUESTION_LABEL[q],
    SURVEY_ANSWERS.map((a) => [a, SURVEY_ANSWER_LABEL[a]] as const),
  );

const RATINGS = [
  ['1', '1 – mycket dåligt'],
  ['2', '2'],
  ['3', '3'],
  ['4', '4'],
  ['5', '5 – mycket bra'],
] as const;

const body = (state: SurveyPageState): string => {
  const about = state.applicationTitle
    ? ` om utbildningen ”${escapeHtml(state.applicationTitle)}”${state.areaName ? ` i ${escapeHtml(state.areaName)}` : ''}`
    : '';
  switch (state.phase) {
    case 'before':
      return `<h1>Enkäten är inte öppen än</h1><p>Deltagarenkät ${state.round}${about} öppnar ${state.opensOn}. Välkommen tillbaka då.</p>`;
    case 'closed':
      return `<h1>Enkäten är stängd</h1><p>Deltagarenkät ${state.round}${about} stängde ${state.closesOn}. Det går inte längre att svara.</p>`;
    case 'answered':
      return '<h1>Du har redan svarat</h1><p>Det går bara att svara en gång från samma webbläsare. Tack för ditt svar!</p>';
    case 'open':
      return `<h1>Deltagarenkät ${state.round}</h1>
<p>Frågorna gäller utbildningen${about}. Enkäten är anonym: vi frågar inte efter namn eller e-postadress. Du kan svara en gång från den här webbläsaren, till och med ${state.closesOn}.</p>
<div id="errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
<form id="survey" novalidate>
${radios('rating', 'Vilket helhetsbetyg ger du utbildningen?', RATINGS, 'Välj från 1 till 5.')}
${questionsOf(state.round).map(question).join('\n')}
<div class="field"><label for="comment">Vill du lägga till något? (frivilligt)</label><p class="hint" id="comment-hint">Skriv inte namn eller annat som pekar ut någon. Högst ${wholeNumber(SURVEY_COMMENT_MAX)} tecken.</p><textarea id="comment" name="comment" rows="5" maxlength="${SURVEY_COMMENT_MAX}" aria-describedby="comment-hint"></textarea></div>
<button type="submit" class="primary">Skicka svar</button>
</form>`;
  }
};

export const surveyPage = (state: SurveyPageState): PublicPage =>
  publicPage({ title: 'Deltagarenkät', main: body(state), script: SCRIPT });
