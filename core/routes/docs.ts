import { swaggerUI } from '@hono/swagger-ui';
import type { Hono } from 'hono';
import { version } from '../../package.json';
import { openApiDocument, type RouteDoc } from '../openapi';

/** The OpenAPI document of the documented routes, built on first request, and an interactive page over it. */
export function docsRoutes(app: Hono, routes: readonly RouteDoc[]) {
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(routes, {
      title: 'modelfn',
      version,
      description: 'ONNX models over the original API, KServe V1 and the Open Inference Protocol (V2).',
    });
    return c.json(document);
  });
  // The page loads Swagger UI from a CDN, as FastAPI's /docs does: pin the version it may load. The
  // spec's URL is relative, so the page works under a stage or function path prefix too.
  app.get('/docs', swaggerUI({ url: 'openapi.json', title: 'modelfn', version: '5.35.0' }));
}
