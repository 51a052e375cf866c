import { z } from '@hono/zod-openapi';

// One set of schemas both validates requests and generates /openapi.json.

export const ErrorBody = z.object({ error: z.string() }).openapi('Error');

/** One row as named features, exactly the model's columns. */
export const namedRow = (columns: readonly string[]) =>
  z.strictObject(Object.fromEntries(columns.map((column) => [column, z.number()])));

/** One row as an array of numbers, in column order. */
export const arrayRow = (columns: readonly string[]) => z.array(z.number()).length(columns.length);

export const PredictResponse = z
  .object({ prediction: z.union([z.number(), z.string()]) })
  .openapi('Prediction');
export const PredictBatchResponse = z
  .object({ predictions: z.array(z.union([z.number(), z.string()])) })
  .openapi('Predictions');

export const V1Request = z.strictObject({ instances: z.array(z.unknown()).min(1) });
export const V1Models = z.object({ models: z.array(z.string()) });
export const V1Model = z.object({ name: z.string(), ready: z.boolean() });

const Parameters = z.record(z.string(), z.unknown());

export const TensorMetadata = z
  .object({ name: z.string(), datatype: z.string(), shape: z.array(z.number().int()) })
  .openapi('TensorMetadata');

export const InferInput = z
  .strictObject({
    name: z.string(),
    shape: z.array(z.number().int().nonnegative()),
    datatype: z.string(),
    parameters: Parameters.optional(),
    data: z.array(z.unknown()).openapi({ description: 'row-major numbers, flat or nested as `shape`' }),
  })
  .openapi('InferInput');

export const InferRequest = z
  .strictObject({
    id: z.string().optional(),
    parameters: Parameters.optional(),
    inputs: z.array(InferInput).min(1),
    outputs: z.array(z.strictObject({ name: z.string(), parameters: Parameters.optional() })).optional(),
  })
  .openapi('InferRequest');

export const InferResponse = z
  .object({
    model_name: z.string(),
    model_version: z.string(),
    id: z.string().optional(),
    outputs: z.array(TensorMetadata.extend({ data: z.array(z.unknown()) })),
  })
  .openapi('InferResponse');

export const ServerMetadata = z.object({
  name: z.string(),
  version: z.string(),
  extensions: z.array(z.string()),
});
export const ModelMetadata = z
  .object({
    name: z.string(),
    versions: z.array(z.string()),
    platform: z.string(),
    inputs: z.array(TensorMetadata),
    outputs: z.array(TensorMetadata),
  })
  .openapi('ModelMetadata');
export const Health = z.object({ live: z.boolean().optional(), ready: z.boolean().optional() });
export const ModelReady = z.object({ name: z.string(), ready: z.boolean() });
export type InferRequest = z.infer<typeof InferRequest>;
