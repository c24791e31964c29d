import * as z from 'zod/mini';
import { REGIONS } from '../domain/area.ts';
import { Email, Line } from './common.ts';
import './locale.ts';

export const AreaBody = z.strictObject({
  name: Line(200, 'Skriv områdets namn'),
  region: z.enum(REGIONS, { error: 'Välj region' }),
  coordinatorEmails: z.array(Email).check(z.minLength(1), z.maxLength(20)),
  managerEmail: Email,
});

export type AreaBody = z.infer<typeof AreaBody>;
