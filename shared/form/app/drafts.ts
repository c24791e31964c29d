/**
 * What a coordinator types is kept in localStorage as they type, per application (`ny` before it
 * exists), so that a reload, a lost connection or an expired sign-in loses nothing. The copy
 * remembers the version it was based on, so that a newer server version is noticed, not overwritten.
 */

export interface StoredDraft<T> {
  /** The application's version the text was based on; 0 for a new application. */
  version: number;
  savedAt: string;
  value: T;
  /** The Idempotency-Key of a create that may have reached the server, and the body it was for. */
  createKey?: { key: string; body: string };
  /** The user's text from before someone else's change, kept for them to copy until they dismiss it. */
  copy?: string;
  /** Typed since the last save (a new application's text always is until it is created). */
  unsaved?: boolean;
}

const key = (id: string, user: string): string => `kur.utkast.${user}.${id}`;

export const loadDraft = <T>(id: string, user: string): StoredDraft<T> | undefined => {
  try {
    const text = localStorage.getItem(key(id, user));
    return text ? (JSON.parse(text) as StoredDraft<T>) : undefined;
  } catch {
    return undefined;
  }
};

export const storeDraft = <T>(id: string, user: string, draft: StoredDraft<T>): void => {
  try {
    localStorage.setItem(key(id, user), JSON.stringify(draft));
  } catch {
    // A full or disabled storage must not stop the form; the server copy is still saved on request.
  }
};

export const dropDraft = (id: string, user: string): void => localStorage.removeItem(key(id, user));

const prefix = (user: string): string => `kur.utkast.${user}.`;
const keysOf = (user: string): string[] => {
  try {
    return Object.keys(localStorage).filter((k) => k.startsWith(prefix(user)));
  } catch {
    return [];
  }
};

/** The applications (`ny` for a new one) whose text in this browser is not saved on the server. */
export const unsavedDrafts = (user: string): string[] =>
  keysOf(user)
    .map((k) => k.slice(prefix(user).length))
    .filter((id) => {
      const draft = loadDraft<unknown>(id, user);
      return !!draft && (id === 'ny' || draft.unsaved === true || !!draft.copy);
    });

/** At sign-out: a shared computer keeps nothing of what the user typed. */
export const dropAllDrafts = (user: string): void => {
  for (const k of keysOf(user)) localStorage.removeItem(k);
};
