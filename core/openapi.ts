import * as z from 'zod/mini';
import { ErrorBody } from './schemas';

export interface RouteDoc {
  method: 'get' | 'post';
  /** OpenAPI path syntax: `/v2/models/{model}`. */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodMiniType;
  response: z.ZodMiniType;
  errors?: number[];
}

const json = (schema: z.ZodMiniType) => {
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input' });
  return { content: { 'application/json': { schema: jsonSchema } } };
};

/**
 * The OpenAPI 3.1 document of `routes`, whose request and response schemas are the ones the handlers
 * validate with (zod writes JSON Schema 2020-12, the dialect of OpenAPI 3.1).
 */
export function openApiDocument(
  routes: readonly RouteDoc[],
  info: { title: string; version: string; description: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [...route.path.matchAll(/{(\w+)}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && { requestBody: { required: true, ...json(route.body) } }),
      responses: {
        200: { description: 'OK', ...json(route.response) },
        ...Object.fromEntries(
          (route.errors ?? []).map((status) => [status, { description: 'Error', ...json(ErrorBody) }]),
        ),
      },
    };
  }
  return { openapi: '3.1.0', info, paths };
}
