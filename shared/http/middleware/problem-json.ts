import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../../domain/errors.ts';
import { logger } from '../../observability.ts';
import { problemResponse } from '../problem.ts';
import type { HttpContext } from '../request.ts';

/** Maps every error to problem+json; unexpected ones are logged (without request data) as a 500. */
export const problemJson = (): middy.MiddlewareObj<
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Error,
  HttpContext
> => ({
  onError: (request) => {
    const { error } = request;
    if (!(error instanceof DomainError)) {
      // Name and call stack, not the message: SDK and parser messages can quote request data.
      const where = error?.stack?.split('\n').slice(1).join('\n');
      logger.error('Unhandled error', { errorName: error?.name, stack: where });
    }
    request.response = problemResponse(error);
  },
});
