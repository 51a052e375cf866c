import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIGatewayProxyResult } from 'hono/aws-lambda';
import { type Answer, type Call, isBytes, requestInit } from './core';
import { ROOT } from './process';

const sample = (name: string) => JSON.parse(readFileSync(resolve(ROOT, 'functions/events', name), 'utf8'));
export const PREDICT_EVENT = sample('predict.json');
export const HTTP_API_EVENT = sample('http-api-v2.json');
export const REST_API_EVENT = sample('rest-api-v1.json');

/** The sample event's own headers (host, user agent, forwarding) without its body's. */
const baseHeaders = (event: { headers: Record<string, string> }) =>
  Object.fromEntries(Object.entries(event.headers).filter(([name]) => !/^content-/i.test(name)));

// API Gateway hands a binary body to Lambda base64-encoded; text only when asked to here.
function parts(call: Call, base64: boolean) {
  const init = requestInit(call);
  const [path = '/', query = ''] = call.path.split('?');
  const raw = init.body as string | Uint8Array | undefined;
  const encode = base64 || isBytes(raw);
  const body = raw === undefined ? null : encode ? Buffer.from(raw).toString('base64') : (raw as string);
  const params = [...new URLSearchParams(query)];
  return { path, query, body, encode, params, headers: init.headers as Record<string, string> };
}

/** `call` as API Gateway HTTP API would send it (payload 2.0), built on the sample event. */
export function httpApiEvent(call: Call, base64 = false) {
  const { path, query, body, encode, params, headers } = parts(call, base64);
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    ...HTTP_API_EVENT,
    rawPath: path,
    rawQueryString: query,
    ...(params.length ? { queryStringParameters: Object.fromEntries(params) } : {}),
    headers: { ...baseHeaders(HTTP_API_EVENT), ...lower },
    requestContext: {
      ...HTTP_API_EVENT.requestContext,
      http: { ...HTTP_API_EVENT.requestContext.http, method: call.method, path },
    },
    pathParameters: path === '/' ? undefined : { proxy: path.slice(1) },
    body: body ?? undefined,
    isBase64Encoded: encode,
  };
}

/** `call` as API Gateway REST API would send it (payload 1.0), built on the sample event. */
export function restApiEvent(call: Call, base64 = false) {
  const { path, body, encode, params, headers } = parts(call, base64);
  const all = { ...baseHeaders(REST_API_EVENT), ...headers };
  return {
    ...REST_API_EVENT,
    path,
    httpMethod: call.method,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([name, value]) => [name, [value]])),
    queryStringParameters: params.length ? Object.fromEntries(params) : null,
    multiValueQueryStringParameters: params.length
      ? Object.fromEntries(params.map(([name, value]) => [name, [value]]))
      : null,
    pathParameters: path === '/' ? null : { proxy: path.slice(1) },
    requestContext: { ...REST_API_EVENT.requestContext, httpMethod: call.method, path: `/prod${path}` },
    body,
    isBase64Encoded: encode,
  };
}

/** An API Gateway result as an answer: status, headers (one value each) and body text. */
export function readResult(result: APIGatewayProxyResult): Answer {
  const headers = result.multiValueHeaders
    ? Object.fromEntries(
        Object.entries(result.multiValueHeaders).map(([name, values]) => [name, values.join(', ')]),
      )
    : (result.headers ?? {});
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString() : result.body;
  return { status: result.statusCode, headers: headers as Record<string, string>, body };
}
