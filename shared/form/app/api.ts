import type { Page, ProblemDocument } from '../../domain/responses.ts';
import { session } from './auth.ts';

export class ApiError extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Called on a 401: the token has expired or was revoked; the app asks the user to sign in again. */
let onUnauthorized: () => void = () => {};
export const whenUnauthorized = (callback: () => void): void => {
  onUnauthorized = callback;
};

export interface Answer<T> {
  data: T;
  response: Response;
}

/**
 * One call to the API with the ID token as bearer. Any failure becomes an ApiError: a problem
 * from the API as it is, a lost connection as status 0 (`offline`), so that callers handle both alike.
 */
export const call = async <T>(
  method: string,
  path: string,
  /** `raw`: leave the body unread (a file to download). */
  options: { body?: unknown; headers?: Record<string, string>; raw?: boolean } = {},
): Promise<Answer<T>> => {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = session()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'offline',
      detail: 'Ingen kontakt med servern. Kontrollera anslutningen och försök igen.',
    });
  }
  if (response.status === 401) onUnauthorized();
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    const problem = type.includes('json')
      ? ((await response.json().catch(() => ({}))) as Partial<ProblemDocument>)
      : {};
    throw new ApiError({
      code: 'error',
      detail: `Servern svarade ${response.status}. Försök igen om en stund.`,
      ...problem,
      status: response.status,
    });
  }
  if (options.raw) return { data: undefined as T, response };
  const data = (type.includes('json') ? await response.json() : await response.text()) as T;
  return { data, response };
};

export const get = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).data;

/** Every page of a list route (`{ items, nextToken }`). */
export const getAll = async <T>(path: string): Promise<T[]> => {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const join = path.includes('?') ? '&' : '?';
    const page = await get<Page<T>>(next ? `${path}${join}nextToken=${encodeURIComponent(next)}` : path);
    items.push(...page.items);
    next = page.nextToken;
  } while (next);
  return items;
};

/** A Swedish sentence for an error that is not about particular fields. */
export const describe = (error: unknown): string => {
  if (!(error instanceof ApiError)) return 'Något gick fel. Försök igen.';
  switch (error.problem.code) {
    case 'offline':
      return error.message;
    case 'unauthorized':
      return 'Din inloggning har gått ut. Logga in igen; det du skrivit finns kvar i webbläsaren.';
    case 'forbidden':
      return 'Du har inte behörighet att göra det här.';
    case 'not-found':
      return 'Uppgiften finns inte, eller så hör den till ett annat område.';
    case 'invalid-transition':
      return 'Det går inte längre, eftersom någon har ändrat ärendet sedan du öppnade sidan. Ladda om sidan för att se hur det ser ut nu.';
    case 'retry-later':
    case 'request-in-progress':
      return 'Många ändrar samtidigt just nu. Vänta en stund och försök igen.';
    default:
      return error.problem.status >= 500 || !error.problem.detail
        ? 'Något gick fel hos oss. Försök igen om en stund.'
        : error.problem.detail;
  }
};

/**
 * A download's name from `Content-Disposition`: the UTF-8 `filename*` (RFC 6266), which keeps
 * å, ä and ö, before the ASCII `filename` that is there for programs that cannot read it.
 */
export const downloadName = (response: Response, fallback: string): string => {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;\s]+)/i.exec(header)?.[1];
  const ascii = /filename="([^"]+)"/.exec(header)?.[1];
  try {
    if (encoded) return decodeURIComponent(encoded);
  } catch {
    // A malformed escape: the ASCII name still names the file.
  }
  return ascii ?? fallback;
};
