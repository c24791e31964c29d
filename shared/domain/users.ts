import type { Role } from './roles.ts';

/**
 * The people who may sign in: administrators (head office) and coordinators (one area each). The
 * user directory (Cognito deployed, its emulator locally) holds them; the API only invites,
 * lists, disables and enables.
 */

/**
 * `invited`: has not yet signed in and chosen a password; `active`: has; `disabled`: may not sign
 * in (kept, so that history still names them and they can be let back in).
 */
export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface User {
  /** The directory's id for the person (Cognito's username, a UUID: the `sub` of their tokens). */
  id: string;
  email: string;
  role: Role;
  /** A coordinator's area. */
  areaId?: string;
  status: UserStatus;
  createdAt: string;
}

export interface NewUser {
  email: string;
  role: Role;
  areaId?: string;
}

/** E-mail addresses are compared as the directory does: without case. */
export const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Users as head office reads the list: by role (administrators first), then area, then e-mail. */
export const byRoleAreaEmail = (a: User, b: User): number =>
  a.role.localeCompare(b.role) ||
  (a.areaId ?? '').localeCompare(b.areaId ?? '', 'sv') ||
  a.email.localeCompare(b.email, 'sv');
