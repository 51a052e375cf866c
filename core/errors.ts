import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A client-facing failure: its message is safe to show and says what is wrong and where. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, message);
export const notFound = (message: string) => new ApiError(404, message);
