/**
 * The invitation the user directory e-mails with the temporary password: Cognito's template
 * deployed (infra/constructs/auth.ts), the local emulator's e-mail locally. HTML; the directory
 * fills `{username}` and `{####}`.
 */
export const invitationEmail = (signInUrl: string) => ({
  emailSubject: 'Ditt konto i KUR-tjänsten',
  emailBody:
    'Hej!<br><br>' +
    'Du har fått ett konto i KUR-tjänsten, där du ansöker om KUR-medel och följer upp dem.<br><br>' +
    'Ditt användarnamn: {username}<br>' +
    'Ditt tillfälliga lösenord: {####}<br><br>' +
    'Det tillfälliga lösenordet gäller i 3 dagar. Logga in före dess på ' +
    `<a href="${signInUrl}">${signInUrl}</a>. ` +
    'Första gången väljer du ett eget lösenord och kopplar en app för inloggningskoder ' +
    '(till exempel Microsoft Authenticator eller Google Authenticator) till kontot.<br><br>' +
    'Har lösenordet hunnit gå ut? Be den som skapade kontot att skicka en ny inbjudan.',
});
