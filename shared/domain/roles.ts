export const ROLES = ['admin', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established from verified token claims. Never carries more than needed. */
export interface Caller {
  sub: string;
  email: string;
  roles: readonly Role[];
  /** Set for coordinators: the one area they act for. */
  areaId?: string;
}

export const isAdmin = (caller: Caller): boolean => caller.roles.includes('admin');
