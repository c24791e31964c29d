import * as z from 'zod/mini';
import { NotFound } from '../domain/errors.ts';
import '../schemas/locale.ts';

const Uuid = z.uuid();

/** Ids of applications and follow-ups are UUIDs we mint; any other value names nothing: a 404, not a 400. */
const uuidParam =
  (notFound: string) =>
  (value: string | undefined): string => {
    if (!Uuid.safeParse(value).success) throw new NotFound(notFound);
    return value as string;
  };

export const applicationId = uuidParam('Ansökan finns inte.');
export const followUpId = uuidParam('Uppföljningen finns inte.');
export const documentId = uuidParam('Dokumentet finns inte.');
/** The directory's usernames are UUIDs (the pool signs in by e-mail, so Cognito mints them). */
export const userId = uuidParam('Användaren finns inte.');
