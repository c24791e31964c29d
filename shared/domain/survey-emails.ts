import type { Area } from './area.ts';
import type { Email } from './email.ts';
import { escapeHtml, oneLine } from './email.ts';
import type { SurveyWindow } from './surveys.ts';

/**
 * The e-mail that hands a survey round's link to the area's coordinators when the round opens:
 * they pass it on to the participants (the system never learns who they are).
 */
export const surveyOpened = (context: {
  area: Pick<Area, 'name' | 'coordinatorEmails'>;
  applicationTitle: string;
  window: SurveyWindow;
  url: string;
}): Email => {
  const { area, window, url } = context;
  const title = context.applicationTitle || 'ansökan utan titel';
  const which = window.round === 1 ? 'efter utbildningen' : 'sex månader efter utbildningen';
  const paragraphs = [
    `Deltagarenkät ${window.round} (${which}) för ”${title}” är öppen från ${window.opensOn} till och med ${window.closesOn}.`,
    'Skicka länken nedan till alla som deltog i utbildningen. Enkäten är anonym: den frågar inte efter namn eller e-postadress, och ingen inloggning behövs.',
    'Uppföljningen räknas som inlämnad när enkäten stänger, om minst en deltagare har svarat.',
  ];
  return {
    to: [...area.coordinatorEmails],
    cc: [],
    subject: oneLine(`Deltagarenkät ${window.round} öppen: ${title} (${area.name})`),
    text: `${paragraphs.join('\n\n')}\n\nEnkäten: ${url}\n`,
    html: `<!doctype html><html lang="sv"><body>${paragraphs
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('')}<p><a href="${escapeHtml(url)}">Öppna enkäten</a></p></body></html>`,
  };
};
