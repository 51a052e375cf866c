import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { z as zod } from '@hono/zod-openapi';
import { ErrorBody } from './schemas';

interface RouteDoc {
  method: 'get' | 'post';
  /** OpenAPI path syntax: `/v2/models/{model}`. */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  response: z.ZodType;
  errors?: number[];
}

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

/**
 * Adds a route to /openapi.json. Routes are documented here and served by plain Hono handlers, so the
 * core (not a validator middleware) decides every error status and message.
 */
export function document(app: OpenAPIHono, route: RouteDoc) {
  const names = [...route.path.matchAll(/{(\w+)}/g)].map((match) => match[1] as string);
  const params = names.length
    ? zod.object(Object.fromEntries(names.map((name) => [name, zod.string()])))
    : undefined;
  const errors = route.errors ?? [];
  app.openAPIRegistry.registerPath({
    method: route.method,
    path: route.path,
    summary: route.summary,
    tags: [route.tag],
    request: {
      ...(params && { params }),
      ...(route.body && { body: { required: true, ...json(route.body) } }),
    },
    responses: {
      200: { description: 'OK', ...json(route.response) },
      ...Object.fromEntries(errors.map((status) => [status, { description: 'Error', ...json(ErrorBody) }])),
    },
  });
}
