import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { pageTokenKey } from './page-token-key.ts';

/**
 * Secret link tokens kept in the table without being readable from it: looked up by their SHA-256,
 * and kept for showing again sealed with AES-256-GCM under a key derived (HKDF, a label per use)
 * from the page-token secret, bound to the item that owns the token (associated data). A copy of
 * the table alone yields no working link. Survey links and calendar feed tokens are sealed here,
 * each under its own label.
 */

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const IV_BYTES = 12;
const TAG_BYTES = 16;

const keyFor = async (label: string): Promise<Buffer> =>
  Buffer.from(hkdfSync('sha256', await pageTokenKey(), Buffer.alloc(0), label, 32));

/** `iv | tag | ciphertext`, base64url; opens only with the same label and owner. */
export const seal = async (label: string, owner: string, token: string): Promise<string> => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await keyFor(label), iv);
  cipher.setAAD(Buffer.from(owner, 'utf8'));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
};

/** The token, or undefined when it does not open (another key, another owner, altered). */
export const unseal = async (label: string, owner: string, sealed: string): Promise<string | undefined> => {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', await keyFor(label), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(owner, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
};
