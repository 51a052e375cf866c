import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { badRequest } from '../errors';
import type { RouteDoc } from '../openapi';
import { namedRow, PredictBatchResponse, PredictResponse } from '../schemas';
import type { ModelStore } from '../store';
import { jsonBody, parse, readJson } from '../validate';

/** The original service's API, unchanged: one named row (or an array of them) to the default model. */
export function predictRoutes(app: Hono, store: ModelStore, docs: RouteDoc[]) {
  const model = store.defaultModel;
  const { columns } = model;
  const Row = namedRow(columns);
  const values = (row: Record<string, number>) => columns.map((column) => row[column] as number);

  docs.push({
    method: 'post',
    path: '/predict',
    summary: `Class of one row, or of an array of rows, from the default model (${model.name})`,
    tag: 'original',
    body: z.union([Row, z.array(Row).check(z.minLength(1))]),
    response: z.union([PredictResponse, PredictBatchResponse]),
    errors: [400, 413, 415],
  });
  app.post('/predict', jsonBody, async (c) => {
    const body = await readJson(c);
    if (!Array.isArray(body)) {
      const row = parse(Row, body, 'body');
      const [prediction] = await model.labels([values(row)], (_, column) => `body.${columns[column]}`);
      return c.json({ prediction });
    }
    if (body.length === 0) throw badRequest('body: expected at least one row');
    const rows = body.map((row, i) => values(parse(Row, row, `body[${i}]`)));
    const predictions = await model.labels(rows, (row, column) => `body[${row}].${columns[column]}`);
    return c.json({ predictions });
  });
}
