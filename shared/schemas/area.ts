import * as z from 'zod';
import { REGIONS } from '../domain/area.ts';
import { Email, Line } from './common.ts';
import './locale.ts';

export const AreaBody = z.strictObject({
  name: Line(200, 'Skriv områdets namn'),
  region: z.enum(REGIONS, { error: 'Välj region' }),
  coordinatorEmails: z.array(Email).min(1).max(20),
  managerEmail: Email,
});

export type AreaBody = z.infer<typeof AreaBody>;
