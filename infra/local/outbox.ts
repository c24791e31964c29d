/**
 * The local outbox: what the SES emulator (aws-ses-v2-local) has received, read from its
 * `GET /store` and emptied with its `POST /clear-store`.
 */

export interface OutboxEmail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  /** When the emulator received it (ISO-8601, real time). */
  at: string;
}

interface StoredEmail {
  from?: string;
  destination?: { to?: string[]; cc?: string[]; bcc?: string[] };
  subject?: string;
  body?: { text?: string; html?: string };
  at?: number;
}

/** Splits `"Name, Jr" <a@b.se>, c@d.se` into bare addresses: `['a@b.se', 'c@d.se']`. */
export const plainAddresses = (values: readonly string[] | undefined): string[] => {
  const out: string[] = [];
  for (const value of values ?? []) {
    let current = '';
    let quoted = false;
    let angle = 0;
    const flush = (): void => {
      const part = current.trim();
      current = '';
      if (!part) return;
      const inAngles = /<([^>]*)>/.exec(part);
      out.push((inAngles?.[1] ?? part).trim());
    };
    for (const ch of value) {
      if (ch === '"') quoted = !quoted;
      else if (ch === '<') angle++;
      else if (ch === '>') angle = Math.max(0, angle - 1);
      if (ch === ',' && !quoted && angle === 0) flush();
      else current += ch;
    }
    flush();
  }
  return out;
};

export const readOutbox = async (sesEndpoint: string): Promise<OutboxEmail[]> => {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`SES emulator /store answered ${response.status}`);
  const store = (await response.json()) as { emails?: StoredEmail[] };
  // The emulator appends as it receives, so its order is already oldest first; `at` has only
  // second precision, hence a stable sort.
  return (store.emails ?? [])
    .map((email) => ({
      from: plainAddresses(email.from ? [email.from] : [])[0] ?? '',
      to: plainAddresses(email.destination?.to),
      cc: plainAddresses(email.destination?.cc),
      bcc: plainAddresses(email.destination?.bcc),
      subject: email.subject ?? '',
      text: email.body?.text ?? null,
      html: email.body?.html ?? null,
      at: new Date((email.at ?? 0) * 1000).toISOString(),
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
};

export const clearOutbox = async (sesEndpoint: string): Promise<void> => {
  const response = await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });
  if (!response.ok) throw new Error(`SES emulator /clear-store answered ${response.status}`);
  await response.body?.cancel();
};
