import type { Email } from './domain/email.ts';

/** Small interfaces the domain and handlers depend on; adapters in shared/adapters implement them. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Europe/Stockholm, `YYYY-MM-DD`. */
  today(): string;
}

/** A resource that carries its own version (optimistic concurrency). */
export interface Versioned {
  id: string;
  version: number;
}

/** Raised by a store when the version it was told to expect is no longer the stored one. */
export class VersionConflict extends Error {
  constructor() {
    super('The stored version changed meanwhile');
  }
}

export interface VersionedStore<T extends Versioned> {
  get(id: string): Promise<T | undefined>;
  list(): Promise<T[]>;
  /** Writes `next` if the stored version is still `previous?.version` (absent when creating). */
  save(next: T, previous: T | undefined): Promise<void>;
}

/** Sends one e-mail and answers the provider's message id (SES in shared/adapters/ses/mailer.ts). */
export interface Mailer {
  send(email: Email): Promise<string>;
}
