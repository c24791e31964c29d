import type { Role } from '../domain/roles.ts';

/**
 * The one route table. CDK builds the HTTP API and one function per route from it, and the local
 * gateway dispatches with it, so the deployed and the local API cannot disagree. Handlers take
 * their allowed roles from here as well.
 */

/** DynamoDB actions a function may use on the table and its indexes (least privilege). */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

export interface RouteSpec {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** API Gateway path syntax: `/programmes/{programmeId}`. */
  path: string;
  /** Entry point below functions/, without extension; it exports `handler`. */
  fn: string;
  /** Who may call it; `public` routes skip the JWT authorizer. */
  access: 'public' | readonly Role[];
  table: readonly TableAction[];
}

const READ: readonly TableAction[] = ['dynamodb:GetItem', 'dynamodb:Query'];
const ANY_ROLE = ['admin', 'coordinator'] as const;

export const routes = {
  health: { method: 'GET', path: '/health', fn: 'health/get', access: 'public', table: [] },
  form: { method: 'GET', path: '/', fn: 'form/get', access: 'public', table: [] },

  putProgramme: {
    method: 'PUT',
    path: '/programmes/{programmeId}',
    fn: 'programmes/put',
    access: ['admin'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  listProgrammes: {
    method: 'GET',
    path: '/programmes',
    fn: 'programmes/list',
    access: ANY_ROLE,
    table: READ,
  },
  getProgramme: {
    method: 'GET',
    path: '/programmes/{programmeId}',
    fn: 'programmes/get',
    access: ANY_ROLE,
    table: READ,
  },

  putArea: {
    method: 'PUT',
    path: '/areas/{areaId}',
    fn: 'areas/put',
    access: ['admin'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  listAreas: { method: 'GET', path: '/areas', fn: 'areas/list', access: ANY_ROLE, table: READ },
  getArea: { method: 'GET', path: '/areas/{areaId}', fn: 'areas/get', access: ANY_ROLE, table: READ },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

export const routeList: readonly (RouteSpec & { name: RouteName })[] = Object.entries(routes).map(
  ([name, spec]) => ({ name: name as RouteName, ...spec }),
);
