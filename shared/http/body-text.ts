import type { FieldError } from '../domain/errors.ts';

/**
 * A request body as text, and only if it really is text: bytes that are not UTF-8 are refused,
 * never turned into U+FFFD and stored (that loses what the client meant, silently).
 */

// fatal: an invalid sequence throws instead of becoming U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or undefined when they are not valid UTF-8. */
export const decodeUtf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
};

// Unpaired only: with the `u` flag a surrogate pair is one code point and does not match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const REPLACEMENT_CHARACTER = '\uFFFD';

export const DAMAGED_TEXT_MESSAGE =
  'Texten innehåller tecken som inte går att läsa (�). Skriv in dem på nytt.';

/** A path as a linked list, so that walking a deeply nested body copies nothing. */
interface PathNode {
  key: string;
  parent: PathNode | undefined;
}

const pathOf = (node: PathNode | undefined): string => {
  const keys: string[] = [];
  for (let at = node; at; at = at.parent) keys.unshift(at.key);
  return keys.join('.');
};

const isDamaged = (text: string): boolean =>
  LONE_SURROGATE.test(text) || text.includes(REPLACEMENT_CHARACTER);

/**
 * Every string (value or key) in parsed JSON that no UTF-8 can carry (a lone surrogate, written
 * as `\ud800` in JSON) or that was damaged on its way here (U+FFFD, what a lenient decoder puts
 * where bytes were not UTF-8, as a proxy in front of us might). Iterative, so that a deeply
 * nested body cannot exhaust the stack.
 */
export const damagedText = (value: unknown): FieldError[] => {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: PathNode | undefined }[] = [{ value, path: undefined }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (isDamaged(next.value)) errors.push({ path: pathOf(next.path), message: DAMAGED_TEXT_MESSAGE });
    } else if (typeof next.value === 'object' && next.value !== null) {
      for (const [key, child] of Object.entries(next.value)) {
        const path = { key, parent: next.path };
        if (isDamaged(key)) errors.push({ path: pathOf(path), message: DAMAGED_TEXT_MESSAGE });
        pending.push({ value: child, path });
      }
    }
  }
  return errors.sort((a, b) => a.path.localeCompare(b.path));
};
