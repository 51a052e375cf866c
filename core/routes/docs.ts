import { swaggerUI } from '@hono/swagger-ui';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { version } from '../../package.json';

/** The OpenAPI document generated from the request schemas, and an interactive page over it. */
export function docsRoutes(app: OpenAPIHono) {
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'modelfn',
      version,
      description: 'ONNX models over the original API, KServe V1 and the Open Inference Protocol (V2).',
    },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', title: 'modelfn' }));
}
