import type { Application } from './application.ts';
import type { Area } from './area.ts';
import { applicationLink, compose, type Email } from './email.ts';
import type { DeclaredUnderspend } from './underspend.ts';
import { sek } from './vocabulary.ts';

/**
 * E-mails about money that will not be used: to the programme management, so that what an area
 * gives back can be granted to another area before the year ends.
 */

const title = (app: Application) => app.title ?? 'Ansökan utan titel';

export const underspendDeclared = (
  app: Application,
  area: Area,
  declared: DeclaredUnderspend,
  managementEmails: string[],
  formUrl: string,
): Email =>
  compose(
    managementEmails,
    [],
    `${area.name} lämnar tillbaka ${sek(declared.amount)} för ${declared.year}`,
    [
      `${area.name} kommer inte att använda hela det beviljade beloppet för ${declared.year} i ansökan ”${title(app)}”. ${sek(declared.amount)} har lämnats tillbaka och kan beviljas till andra områden.`,
      `Nu beviljat för ${declared.year}: ${sek(app.grantedByYear?.[String(declared.year)] ?? 0)}.`,
      `Skäl:\n${declared.reason}`,
    ],
    applicationLink(formUrl, app),
  );
