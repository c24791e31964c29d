import * as z from 'zod/mini';
import type { Role } from '../domain/roles.ts';
import { type RouteSpec, routeList } from '../http/routes.ts';
import { Id } from '../schemas/common.ts';
import { PROBLEMS, type ProblemCode, problemSchemas } from './problems.ts';
import {
  type JsonSchema,
  namedSchemas,
  pathParameterDocs,
  queryParameterDocs,
  type RouteDoc,
  ref,
  routeDocs,
} from './route-docs.ts';

type Route = RouteSpec & { name: string };

/**
 * The OpenAPI 3.1 document of the API, built from the route table (every route, its method, path
 * and roles), the zod schemas the handlers validate with (bodies and query strings, as JSON
 * Schema 2020-12, the dialect of OpenAPI 3.1) and the per-route notes of route-docs.ts. A route
 * added to the table appears here without anything else to do.
 */
export const buildOpenApiDocument = (
  routes: readonly Route[] = routeList,
  docs: Partial<Record<string, RouteDoc>> = routeDocs,
): JsonSchema => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = paths[route.path] ?? {};
    operations[route.method.toLowerCase()] = operation(route, docs[route.name]);
    paths[route.path] = operations;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'KUR grants API',
      version: '1',
      description:
        'The grant-programme system for the KUR programmes. JSON in and out; errors are RFC 9457 ' +
        'problem documents with a `code`. Each operation’s `x-roles` is its access in the route ' +
        'table: the roles that may call it, or `"public"` (no token).',
    },
    paths,
    components: {
      securitySchemes: {
        bearerJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The ID token from sign-in (claims `sub`, `email`, `cognito:groups` with `admin` or ' +
            '`coordinator`, and `custom:areaId` for a coordinator). An access token is refused.',
        },
      },
      schemas: {
        ...Object.fromEntries(
          Object.entries(namedSchemas).map(([name, schema]) => [name, jsonSchema(schema)]),
        ),
        ...problemSchemas,
        Versioned: {
          type: 'object',
          description: 'A stored resource; `version` starts at 1 and grows by one per change (the `ETag`).',
          required: ['version'],
          properties: { version: { type: 'integer', minimum: 1 } },
        },
        Page: {
          type: 'object',
          description: 'A list: `nextToken` only when more items follow.',
          required: ['items'],
          properties: { items: { type: 'array', items: { type: 'object' } }, nextToken: { type: 'string' } },
        },
      },
    },
  };
};

/** The request schema as JSON Schema: what a client sends (`io: 'input'`: before defaults and transforms). */
export const jsonSchema = (schema: z.core.$ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return rest as JsonSchema;
};

const bodySchema = (schema: z.core.$ZodType): JsonSchema => {
  const name = Object.entries(namedSchemas).find(([, named]) => named === schema)?.[0];
  return name ? ref(name) : jsonSchema(schema);
};

const operation = (route: Route, doc: RouteDoc | undefined): Record<string, unknown> => {
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  const hasBody = route.method === 'POST' || route.method === 'PUT';
  return {
    operationId: route.name,
    tags: [tag(route.path)],
    summary: doc?.summary ?? `${route.method} ${route.path}`,
    description: [doc?.description, who(route.access)].filter(Boolean).join('\n\n'),
    'x-roles': route.access,
    security: route.access === 'public' ? [] : [{ bearerJwt: [] }],
    parameters: [
      ...pathNames.map((name) => ({
        name,
        in: 'path',
        required: true,
        description: pathParameterDocs[name] ?? name,
        schema: pathParameterSchema(name),
      })),
      ...queryParameters(doc?.query),
      ...headerParameters(doc),
    ],
    ...(hasBody ? { requestBody: requestBody(doc?.body) } : {}),
    responses: {
      ...success(doc, route),
      ...errors(route, doc, pathNames.length > 0),
    },
  };
};

const tag = (path: string): string => path.split('/')[1]?.replace(/\{.*\}|\.json$/, '') || 'form';

const who = (access: RouteSpec['access']): string =>
  access === 'public'
    ? 'Who: anyone; no token.'
    : `Who: ${(access as readonly Role[]).join(' or ')} (bearer token).`;

const UUID: JsonSchema = { type: 'string', format: 'uuid' };

const pathParameterSchema = (name: string): JsonSchema =>
  name === 'programmeId' || name === 'areaId'
    ? jsonSchema(Id)
    : name === 'id' || name === 'documentId'
      ? UUID
      : { type: 'string' };

const queryParameters = (query: z.core.$ZodType | undefined) => {
  if (!query) return [];
  const schema = jsonSchema(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    ...(queryParameterDocs[name] ? { description: queryParameterDocs[name] } : {}),
    schema: property,
  }));
};

const headerParameters = (doc: RouteDoc | undefined) => [
  ...(doc?.ifMatch
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: doc.ifMatch === 'required',
          description: 'The version last read: `3` or `"3"` (the ETag).',
          schema: { type: 'string' },
        },
      ]
    : []),
  ...(doc?.idempotencyKey
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'A retry with the same key and body answers the first response and creates nothing new.',
          schema: { type: 'string' },
        },
      ]
    : []),
];

const requestBody = (body: z.core.$ZodType | undefined) =>
  body
    ? { required: true, content: { 'application/json': { schema: bodySchema(body) } } }
    : {
        required: false,
        description: 'None: an empty body or `{}`.',
        content: { 'application/json': { schema: { type: 'object', maxProperties: 0 } } },
      };

const success = (doc: RouteDoc | undefined, route: Route) => {
  const answer = doc?.answer ?? {
    status: 200,
    description: `The answer of ${route.method} ${route.path}.`,
  };
  const headers: Record<string, unknown> = {};
  if (answer.etag)
    headers.ETag = { description: 'The version, as `"<version>"`.', schema: { type: 'string' } };
  if (answer.location)
    headers.Location = { description: 'Where the resource is.', schema: { type: 'string' } };
  const status = String(answer.status);
  const content =
    answer.status === 302
      ? undefined
      : { [answer.mediaType ?? 'application/json']: answer.schema ? { schema: answer.schema } : {} };
  const response = {
    description: answer.description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(content ? { content } : {}),
  };
  // A create-or-replace answers 200 when replacing and 201 when creating.
  return doc?.ifMatch === 'optional' ? { [status]: response, '201': response } : { [status]: response };
};

/** The problem codes a route can answer: derived from what it is, plus what its use case adds. */
export const problemCodes = (
  route: RouteSpec,
  doc: RouteDoc | undefined,
  hasPathParameters: boolean,
): ProblemCode[] => {
  const hasBody = route.method === 'POST' || route.method === 'PUT';
  const codes = new Set<ProblemCode>();
  if (route.access !== 'public') codes.add('unauthorized').add('forbidden');
  if (hasPathParameters || hasBody || doc?.query) codes.add('validation-failed');
  if (hasPathParameters) codes.add('not-found');
  if (hasBody) codes.add('payload-too-large').add('unsupported-media-type');
  if (doc?.ifMatch) codes.add('precondition-failed');
  if (doc?.ifMatch === 'required') codes.add('precondition-required');
  if (doc?.idempotencyKey) codes.add('request-in-progress').add('idempotency-key-reused');
  if (route.method !== 'GET') codes.add('retry-later');
  for (const code of doc?.errors ?? []) codes.add(code);
  codes.add('internal');
  return [...codes];
};

const errors = (route: Route, doc: RouteDoc | undefined, hasPathParameters: boolean) => {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemCodes(route, doc, hasPathParameters)) {
    const { status } = PROBLEMS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [String(status), problemResponse(codes)]),
  );
};

const problemResponse = (codes: readonly ProblemCode[]) => ({
  description: codes.map((code) => `\`${code}\`: ${PROBLEMS[code].when}`).join('; '),
  content: {
    'application/problem+json': {
      // The codes this status can carry on this route, narrowed from every code.
      schema: { allOf: [ref('Problem'), { properties: { code: { enum: codes } } }] },
    },
  },
});
