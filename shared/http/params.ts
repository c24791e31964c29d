import { NotFound } from '../domain/errors.ts';
import { z } from '../schemas/zod.ts';

const Uuid = z.uuid();

/** Application ids are UUIDs we mint; any other value names nothing, so it is a 404, not a 400. */
export const applicationId = (value: string | undefined): string => {
  if (!Uuid.safeParse(value).success) throw new NotFound('Ansökan finns inte.');
  return value as string;
};
