/**
 * Sign-in. Deployed, the page knows its Cognito hosted UI (data-auth-url, data-client-id on
 * <body>) and signs in with the authorization code grant and PKCE (S256); locally it has none and
 * asks the local stack for a token. Either way it keeps the **ID token** — the one that carries
 * `custom:areaId` — in sessionStorage (gone when the tab closes) and sends it as the bearer.
 */

export interface Session {
  token: string;
  email: string;
  role: 'admin' | 'coordinator';
  areaId?: string;
}

const TOKEN = 'kur.idToken';
const PKCE = 'kur.pkce';

const settings = () => {
  const data = document.body.dataset;
  return { authUrl: data.authUrl ?? '', clientId: data.clientId ?? '' };
};

/** No hosted UI configured: the local stack, where /local/token issues tokens. */
export const isLocal = (): boolean => settings().authUrl === '';

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const claimsOf = (token: string): Record<string, unknown> | undefined => {
  try {
    const part = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/** The signed-in user, or undefined when there is no token or it has expired. */
export const session = (): Session | undefined => {
  const token = sessionStorage.getItem(TOKEN);
  const claims = token ? claimsOf(token) : undefined;
  if (!token || !claims || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now() + 30_000) {
    return undefined;
  }
  const groups = claims['cognito:groups'];
  const list = Array.isArray(groups) ? groups : [];
  const role = list.includes('admin') ? 'admin' : list.includes('coordinator') ? 'coordinator' : undefined;
  if (!role) return undefined;
  const areaId = claims['custom:areaId'];
  return {
    token,
    role,
    email: typeof claims.email === 'string' ? claims.email : '',
    ...(typeof areaId === 'string' && areaId ? { areaId } : {}),
  };
};

export const forget = (): void => sessionStorage.removeItem(TOKEN);

/** Locally: a token for the chosen role and area from the local stack. */
export const localSignIn = async (role: string, areaId: string, email: string): Promise<void> => {
  const query = new URLSearchParams({ role, email, ...(role === 'coordinator' ? { areaId } : {}) });
  const response = await fetch(`/local/token?${query}`);
  if (response.status === 403) {
    // The user pool refuses a disabled account: say so, rather than blame what was typed.
    throw new Error(((await response.json()) as { detail: string }).detail);
  }
  if (!response.ok) throw new Error('Kunde inte logga in. Kontrollera område och e-postadress.');
  sessionStorage.setItem(TOKEN, ((await response.json()) as { token: string }).token);
};

const redirectUri = (): string => `${location.origin}${location.pathname}`;

/** Deployed: off to the hosted UI, remembering where the user was going (the hash is not sent back). */
export const startSignIn = async (): Promise<void> => {
  const { authUrl, clientId } = settings();
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, hash: location.hash }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  });
  location.assign(`${authUrl}/oauth2/authorize?${query}`);
};

/**
 * Back from the hosted UI with `?code=…&state=…`: exchanges the code (with the PKCE verifier) for
 * tokens and keeps the ID token. Answers false when the URL carries no sign-in response.
 */
export const completeSignIn = async (): Promise<boolean> => {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code && !params.get('error')) return false;
  const saved = JSON.parse(sessionStorage.getItem(PKCE) ?? '{}') as {
    verifier?: string;
    state?: string;
    hash?: string;
  };
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', `${location.pathname}${saved.hash ?? ''}`);
  if (!code || !saved.verifier || params.get('state') !== saved.state) {
    throw new Error('Inloggningen avbröts eller kunde inte kontrolleras. Försök igen.');
  }
  const { authUrl, clientId } = settings();
  const response = await fetch(`${authUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error('Inloggningen misslyckades. Försök igen.');
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('Inloggningen gav ingen identitet. Försök igen.');
  sessionStorage.setItem(TOKEN, tokens.id_token);
  return true;
};

/** Clears the token; deployed, also ends the hosted UI's session (locally the caller shows the picker). */
export const signOut = (): void => {
  forget();
  if (isLocal()) return;
  const { authUrl, clientId } = settings();
  const query = new URLSearchParams({ client_id: clientId, logout_uri: redirectUri() });
  location.assign(`${authUrl}/logout?${query}`);
};
