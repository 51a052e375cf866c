import type { HttpRequest, HttpResponseInit } from '@azure/functions';

/** Azure's fetch-like request as a web Request; fetch forbids a body on GET and HEAD. */
export async function toWebRequest(request: HttpRequest): Promise<Request> {
  const bodyless = request.method === 'GET' || request.method === 'HEAD';
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: bodyless ? undefined : await request.arrayBuffer(),
  });
}

/** The core's web Response as Azure's response init: status, headers and body bytes unchanged. */
export async function toHttpResponse(response: Response): Promise<HttpResponseInit> {
  return {
    status: response.status,
    headers: response.headers,
    body: new Uint8Array(await response.arrayBuffer()),
  };
}
