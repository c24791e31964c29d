import * as z from 'zod/mini';
import { ROLES } from '../domain/roles.ts';
import { Email, Id } from './common.ts';
import './locale.ts';

/**
 * `POST /users`: who to invite. A coordinator acts for exactly one area, an administrator for
 * none, so `areaId` is required for the one and refused for the other.
 */
export const NewUserBody = z
  .strictObject({
    email: Email,
    role: z.enum(ROLES, {
      error: 'Välj roll: admin (projektledningen) eller coordinator (lokalt samverkansansvarig)',
    }),
    areaId: z.optional(Id),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.role === 'coordinator' && body.areaId === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['areaId'],
          message: 'Ange området som personen ska arbeta för',
        });
      }
      if (body.role === 'admin' && body.areaId !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['areaId'],
          message: 'Projektledningen arbetar inte för ett visst område: lämna området tomt',
        });
      }
    }),
  );

export type NewUserBody = z.infer<typeof NewUserBody>;
