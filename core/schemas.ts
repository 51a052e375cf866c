import { en } from 'zod/locales';
import * as z from 'zod/mini';

// One set of schemas both validates requests and generates /openapi.json. zod/mini keeps the bundle
// small (a function's cold start compiles every byte of it); it carries no messages unless given a locale.
z.config(en());

export const ErrorBody = z.object({ error: z.string() });

/** One row as named features, exactly the model's columns. */
export const namedRow = (columns: readonly string[]) =>
  z.strictObject(Object.fromEntries(columns.map((column) => [column, z.number()])));

/** One row as an array of numbers, in column order. */
export const arrayRow = (columns: readonly string[]) => z.array(z.number()).check(z.length(columns.length));

const Label = z.union([z.number(), z.string()]);
export const PredictResponse = z.object({ prediction: Label });
export const PredictBatchResponse = z.object({ predictions: z.array(Label) });

export const V1Request = z.strictObject({ instances: z.array(z.unknown()).check(z.minLength(1)) });
export const V1Models = z.object({ models: z.array(z.string()) });
export const V1Model = z.object({ name: z.string(), ready: z.boolean() });

const Parameters = z.optional(z.record(z.string(), z.unknown()));

export const TensorMetadata = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.int()) });

export const InferRequest = z.strictObject({
  id: z.optional(z.string()),
  parameters: Parameters,
  inputs: z
    .array(
      z.strictObject({
        name: z.string(),
        shape: z.array(z.int().check(z.nonnegative())),
        datatype: z.string(),
        parameters: Parameters,
        data: z
          .array(z.unknown())
          .check(z.meta({ description: 'row-major numbers, flat or nested as `shape`' })),
      }),
    )
    .check(z.minLength(1)),
  outputs: z.optional(
    z.array(z.strictObject({ name: z.string(), parameters: Parameters })).check(z.minLength(1)),
  ),
});
export type InferRequest = z.infer<typeof InferRequest>;

export const InferResponse = z.object({
  model_name: z.string(),
  model_version: z.string(),
  id: z.optional(z.string()),
  outputs: z.array(z.extend(TensorMetadata, { data: z.array(z.unknown()) })),
});

export const ServerMetadata = z.object({
  name: z.string(),
  version: z.string(),
  extensions: z.array(z.string()),
});
export const ModelMetadata = z.object({
  name: z.string(),
  versions: z.array(z.string()),
  platform: z.string(),
  inputs: z.array(TensorMetadata),
  outputs: z.array(TensorMetadata),
});
export const Health = z.object({ live: z.optional(z.boolean()), ready: z.optional(z.boolean()) });
export const ModelReady = z.object({ name: z.string(), ready: z.boolean() });
