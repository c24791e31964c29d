import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { handler as openapiHandler } from '../../functions/openapi/get.ts';
import * as errorModule from '../../shared/domain/errors.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { type RouteSpec, routeList, routes } from '../../shared/http/routes.ts';
import { buildOpenApiDocument, jsonSchema } from '../../shared/openapi/document.ts';
import { PROBLEMS } from '../../shared/openapi/problems.ts';
import { admin, coordinatorOf, invoke } from '../support/events.ts';

type Json = any;

const document: Json = buildOpenApiDocument();
const operationOf = (route: RouteSpec): Json => document.paths[route.path]?.[route.method.toLowerCase()];
const resolve = (schema: Json): Json =>
  schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;

const functionsDir = new URL('../../functions/', import.meta.url);
const handlerSource = (route: RouteSpec) => readFileSync(new URL(`${route.fn}.ts`, functionsDir), 'utf8');

/** The zod schema a handler names (as its `body` option or in `parseQuery`), imported as the handler imports it. */
const schemaNamedBy = async (route: RouteSpec, pattern: RegExp): Promise<z.core.$ZodType | undefined> => {
  const source = handlerSource(route);
  const name = pattern.exec(source)?.[1];
  if (!name) return undefined;
  const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(source)?.[1];
  if (!from) throw new Error(`${route.fn}.ts uses ${name} but its import was not found`);
  const module = await import(new URL(from, new URL(`${route.fn}.ts`, functionsDir)).href);
  return module[name];
};
const BODY_OPTION = /httpHandler\(\s*routes\.\w+,\s*\{\s*body:\s*(\w+)/;
const QUERY_SCHEMA = /parseQuery\((\w+)/;

/** Every object schema inside a JSON Schema, with where it is. */
const objectSchemas = (schema: Json, at = ''): [string, Json][] => {
  if (schema === null || typeof schema !== 'object') return [];
  const own: [string, Json][] =
    schema.type === 'object' && schema.properties ? [[at || '(body)', schema]] : [];
  return [
    ...own,
    ...Object.entries(schema).flatMap(([key, value]) =>
      typeof value === 'object' ? objectSchemas(value, at ? `${at}.${key}` : key) : [],
    ),
  ];
};

describe('GET /openapi.json', () => {
  it('answers the document to anyone, without a token', async () => {
    const answer = await invoke(openapiHandler, routes.openapi);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/json');
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});

describe('the OpenAPI document covers the route table', () => {
  it.each(routeList.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s is there with its roles, its security and its path parameters',
    (_, route) => {
      const operation = operationOf(route);
      expect(operation, `${route.method} ${route.path} is missing`).toBeDefined();
      expect(operation.operationId).toBe(route.name);
      expect(operation['x-roles']).toEqual(route.access);
      expect(operation.security).toEqual(route.access === 'public' ? [] : [{ bearerJwt: [] }]);
      const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(operation.parameters.filter((p: Json) => p.in === 'path').map((p: Json) => p.name)).toEqual(
        pathNames,
      );
      if (route.access !== 'public') {
        expect(operation.responses['401'].content['application/problem+json']).toBeDefined();
        expect(operation.responses['403']).toBeDefined();
      }
      const successes = Object.keys(operation.responses).filter((status) => /^[23]/.test(status));
      expect(successes.length).toBeGreaterThan(0);
    },
  );

  it('has no operation the route table does not have', () => {
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.keys(byMethod as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(routeList.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('lists a route added to the table even before anyone describes it', () => {
    const added = {
      name: 'notYetDescribed',
      method: 'POST',
      path: '/follow-ups/{id}/not-yet-described',
      fn: 'follow-ups/not-yet-described',
      access: ['admin'],
      table: [],
    } as const;
    const operation = buildOpenApiDocument([...routeList, added]).paths as Json;
    expect(operation['/follow-ups/{id}/not-yet-described'].post).toMatchObject({
      operationId: 'notYetDescribed',
      summary: 'POST /follow-ups/{id}/not-yet-described',
      'x-roles': ['admin'],
      security: [{ bearerJwt: [] }],
      parameters: [{ name: 'id', in: 'path', required: true }],
    });
  });
});

describe('the request schemas are the ones the handlers validate with', () => {
  it.each(routeList.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: body and query as its handler checks them',
    async (_, route) => {
      const operation = operationOf(route);
      const body = await schemaNamedBy(route, BODY_OPTION);
      if (body) {
        const described = resolve(operation.requestBody?.content['application/json'].schema);
        expect(described, `describe the body of ${route.name} in shared/openapi/route-docs.ts`).toEqual(
          jsonSchema(body),
        );
        expect(operation.requestBody.required).toBe(true);
      } else if (operation.requestBody) {
        // Routes without a schema accept an empty body or `{}` and nothing else.
        expect(operation.requestBody.content['application/json'].schema).toEqual({
          type: 'object',
          maxProperties: 0,
        });
      }
      const query = await schemaNamedBy(route, QUERY_SCHEMA);
      const queryNames = operation.parameters.filter((p: Json) => p.in === 'query').map((p: Json) => p.name);
      expect(queryNames, `describe the query of ${route.name} in shared/openapi/route-docs.ts`).toEqual(
        Object.keys((query && jsonSchema(query).properties) ?? {}),
      );
    },
  );

  it('refuses unknown fields at every level, as the handlers do (400)', async () => {
    const withBody = routeList.filter((route) => BODY_OPTION.test(handlerSource(route)));
    expect(withBody.map((r) => r.name)).toContain('putProgramme');
    for (const route of withBody) {
      const schema = resolve(operationOf(route).requestBody.content['application/json'].schema);
      for (const [at, object] of objectSchemas(schema)) {
        expect(object.additionalProperties, `${route.name} ${at}`).toBe(false);
      }
      const module = await import(new URL(`${route.fn}.ts`, functionsDir).href);
      const caller =
        route.access !== 'public' && route.access.includes('admin') ? admin : coordinatorOf('karlstad');
      const path = Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], '00000000-0000-4000-8000-000000000000']),
      );
      const answer = await invoke(module.handler, route, { caller, path, body: { unexpected: true } });
      expect(answer.status, route.name).toBe(400);
      expect(answer.body.errors, route.name).toContainEqual({ path: 'unexpected', message: 'Okänt fält' });
    }
  });
});

describe('the error answers', () => {
  it('name every code the typed errors carry, and no other (plus internal)', () => {
    const errorClasses = Object.values(errorModule as Record<string, unknown>).filter(
      (value) => typeof value === 'function' && value.prototype instanceof DomainError,
    ) as (new (
      arg: unknown,
    ) => DomainError)[];
    const codes = errorClasses.map((ErrorClass) => new ErrorClass([]).code);
    expect([...codes, 'internal'].sort()).toEqual(Object.keys(PROBLEMS).sort());
  });

  it('give each status of each route the problem+json shape with its codes', () => {
    const decide = operationOf(routes.decideApplication);
    expect(decide.responses['409'].content['application/problem+json'].schema.allOf[1]).toEqual({
      properties: { code: { enum: ['invalid-transition'] } },
    });
    expect(decide.responses['422'].description).toContain('rule-violation');
    const create = operationOf(routes.createApplication);
    expect(create.responses['409'].description).toContain('request-in-progress');
    expect(create.responses['422'].description).toContain('idempotency-key-reused');
    const replace = operationOf(routes.replaceApplication);
    expect(Object.keys(replace.responses)).toEqual(expect.arrayContaining(['412', '428']));
    expect(replace.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', required: true }));
    expect(operationOf(routes.health).responses['401']).toBeUndefined();
    const problem = document.components.schemas.Problem;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    expect(Object.keys(problem.properties)).toEqual(expect.arrayContaining(['errors', 'violations']));
  });
});
