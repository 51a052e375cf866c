import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { Model } from '../model';
import type { RouteDoc } from '../openapi';
import { arrayRow, namedRow, PredictBatchResponse, V1Model, V1Models, V1Request } from '../schemas';
import type { ModelStore } from '../store';
import { jsonBody, parse, readJson } from '../validate';

interface RowSchemas {
  named: ReturnType<typeof namedRow>;
  array: ReturnType<typeof arrayRow>;
}

/** KServe V1: list, status and `:predict` with `instances` as arrays or as named objects. */
export function v1Routes(app: Hono, store: ModelStore, docs: RouteDoc[]) {
  // Each model's two row schemas, built once on its first request.
  const cache = new Map<Model, RowSchemas>();
  const rowSchemas = (model: Model): RowSchemas => {
    const schemas = cache.get(model) ?? { named: namedRow(model.columns), array: arrayRow(model.columns) };
    cache.set(model, schemas);
    return schemas;
  };
  docs.push({
    method: 'get',
    path: '/v1/models',
    summary: 'Names of the served models',
    tag: 'KServe V1',
    response: V1Models,
  });
  app.get('/v1/models', (c) => c.json({ models: [...store.models.keys()] }));

  docs.push({
    method: 'get',
    path: '/v1/models/{model}',
    summary: 'Whether a model is ready',
    tag: 'KServe V1',
    response: V1Model,
    errors: [404],
  });
  // Model names never hold ':' (see the manifest), so this never shadows `:predict` below.
  app.get('/v1/models/:model{[^/:]+}', (c) =>
    c.json({ name: store.get(c.req.param('model')).name, ready: true }),
  );

  docs.push({
    method: 'post',
    path: '/v1/models/{model}:predict',
    summary: 'Class of each instance',
    tag: 'KServe V1',
    body: z.extend(V1Request, {
      instances: z
        .array(z.union([z.array(z.number()), z.record(z.string(), z.number())]))
        .check(z.minLength(1)),
    }),
    response: PredictBatchResponse,
    errors: [400, 404, 413, 415],
  });
  // Hono cannot match a literal after a parameter inside one segment: capture `name:predict` whole.
  app.post('/v1/models/:target{[^/]+:predict}', jsonBody, async (c) => {
    const model = store.get((c.req.param('target') as string).slice(0, -':predict'.length));
    const { columns } = model;
    const schemas = rowSchemas(model);
    const { instances } = parse(V1Request, await readJson(c), 'body');
    const rows = instances.map((instance, i) => {
      const where = `body.instances[${i}]`;
      if (Array.isArray(instance)) return parse(schemas.array, instance, where);
      const named = parse(schemas.named, instance, where);
      return columns.map((column) => named[column] as number);
    });
    const predictions = await model.labels(rows, (row, column) => `body.instances[${row}][${column}]`);
    return c.json({ predictions });
  });
}
