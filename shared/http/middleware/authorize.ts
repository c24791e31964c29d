import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { Forbidden, Unauthorized } from '../../domain/errors.ts';
import type { Role } from '../../domain/roles.ts';
import { callerFromClaims, isIdToken } from '../claims.ts';
import type { HttpContext } from '../request.ts';
import type { RouteSpec } from '../routes.ts';

/**
 * Establishes the caller from the verified JWT claims (API Gateway's authorizer deployed, the
 * local gateway locally) and enforces the route's roles. Only an ID token is accepted (see
 * isIdToken). A coordinator without an area is refused: every coordinator action is scoped to one area.
 */
export const authorize = (
  access: RouteSpec['access'],
): middy.MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, unknown, Error, HttpContext> => ({
  before: (request) => {
    if (access === 'public') return;
    const claims = request.event.requestContext?.authorizer?.jwt?.claims;
    if (claims && !isIdToken(claims))
      throw new Unauthorized(
        'Inloggningen skickade fel sorts token. Tjänsten behöver den id-token du får när du loggar in, inte en åtkomsttoken.',
      );
    const caller = callerFromClaims(claims);
    if (!caller) throw new Unauthorized();
    const allowed = caller.roles.some((role) => (access as readonly Role[]).includes(role));
    if (!allowed) throw new Forbidden('Din roll får inte göra detta.');
    const actsAsCoordinatorOnly = !caller.roles.includes('admin');
    if (actsAsCoordinatorOnly && !caller.areaId)
      throw new Forbidden('Ditt konto är inte kopplat till något område.');
    request.context.caller = caller;
  },
});
