import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local stand-in for the stack's page-token secret: 32 random bytes (base64url) that sign the
 * `nextToken`s of the local API. `npm start` keeps it under `.local/keys/` beside the JWT key pair,
 * so that tokens handed out stay valid across restarts; the handlers get it as PAGE_TOKEN_KEY.
 */
export const loadOrCreatePageTokenKey = (dir: string): string => {
  const path = join(dir, 'page-token.key');
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  const key = randomBytes(32).toString('base64url');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return key;
};
