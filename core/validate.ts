import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type * as z from 'zod/mini';
import { ApiError, badRequest } from './errors';

/** The tightest provider limit: AWS Lambda's 6 MB synchronous payload. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

const formatPath = (where: string, path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    where,
  );

/** Validates `value` against `schema`, or throws a 400 that names every problem and where it is. */
export function parse<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badRequest(
    result.error.issues.map((issue) => `${formatPath(where, issue.path)}: ${issue.message}`).join('; '),
  );
}

const isJson = (contentType: string) => {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
};

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`);
  },
});

/**
 * Guards a route with a JSON body: media type (415; a missing type is read as JSON), encoding (415:
 * providers differ in whether they inflate a compressed body, so none is accepted), then size (413).
 */
export const jsonBody: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type');
  if (type !== undefined && !isJson(type))
    throw new ApiError(415, `content-type must be application/json, got "${type}"`);
  const encoding = c.req.header('content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')
    throw new ApiError(415, `content-encoding "${encoding}" is not supported: send the body uncompressed`);
  return limit(c, next);
};

/** The request body as JSON; NaN, Infinity and other non-JSON tokens are a 400 here. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`body is not valid JSON: ${(error as Error).message}`);
  }
}
