import type { APIGatewayProxyResult } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { app } from '../../core/runtime';
import { handler } from '../../functions/handler';
import { SAMPLE } from '../helpers/banknote';
import { type Call, callCore, requestInit } from '../helpers/core';
import { CORPUS } from '../parity/corpus';
import {
  HTTP_API_EVENT,
  httpApiEvent,
  PREDICT_EVENT,
  REST_API_EVENT,
  readResult,
  restApiEvent,
} from './events';

const viaHttpApi = async (event: unknown) => readResult((await handler(event)) as APIGatewayProxyResult);

/** The core's own answer with every header, for the stricter header comparison. */
async function coreWithHeaders(call: Call) {
  const response = await (await app).fetch(new Request(`http://core${call.path}`, requestInit(call)));
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

const predict = (body: unknown, headers?: Record<string, string>): Call => ({
  method: 'POST',
  path: '/predict',
  body,
  headers,
});

describe('the sample events', () => {
  it('direct invoke answers the body object itself, as the original function did', async () => {
    expect(await handler(PREDICT_EVENT)).toStrictEqual({ prediction: 0 });
  });

  it.each([
    ['HTTP API 2.0', HTTP_API_EVENT],
    ['REST API 1.0', REST_API_EVENT],
  ])('%s answers 200 {"prediction":0} as JSON', async (_, event) => {
    const result = await viaHttpApi(event);
    expect(result).toMatchObject({ status: 200, contentType: 'application/json', body: '{"prediction":0}' });
    expect(result).toMatchObject(await callCore(predict(SAMPLE)));
  });

  it('REST API answers with multiValueHeaders, HTTP API with headers (each as its API expects)', async () => {
    expect(await handler(REST_API_EVENT)).toHaveProperty('multiValueHeaders', {
      'content-type': ['application/json'],
    });
    expect(await handler(HTTP_API_EVENT)).toHaveProperty('headers', { 'content-type': 'application/json' });
  });
});

describe.each([
  ['HTTP API 2.0', httpApiEvent],
  ['REST API 1.0', restApiEvent],
])('%s events answer exactly as the core does', (_, toEvent) => {
  it.each(CORPUS.map((call) => [call.name, call] as const))('%s', async (_, call) => {
    const result = await viaHttpApi(toEvent(call));
    const core = await coreWithHeaders(call);
    expect({ status: result.status, headers: result.headers, body: result.body }).toStrictEqual(core);
  });

  it('a base64-encoded body is decoded before the core sees it', async () => {
    const result = await viaHttpApi(toEvent(predict(SAMPLE), true));
    expect(result).toMatchObject({ status: 200, contentType: 'application/json', body: '{"prediction":0}' });
  });

  it('a string where a number belongs is the core 400', async () => {
    const bad = predict({ ...SAMPLE, variance: '1.2247' });
    const result = await viaHttpApi(toEvent(bad));
    expect(result.status).toBe(400);
    expect(result).toMatchObject(await callCore(bad));
    expect(JSON.parse(result.body)).toHaveProperty('error');
  });
});

describe('direct invoke answers with the core body for POST /predict', () => {
  it.each([
    ['the original sample', SAMPLE],
    ['a batch', [SAMPLE, { variance: -2.5, skewness: -6.1, curtosis: 8.1, entropy: -0.7 }]],
    ['a string where a number belongs', { ...SAMPLE, variance: '1.2247' }],
    ['a missing field', { variance: 1 }],
    ['an empty batch', []],
  ])('%s', async (_, event) => {
    const core = await callCore(predict(event));
    expect(await handler(event)).toStrictEqual(JSON.parse(core.body));
  });

  it('the batch form answers predictions, a bad body the core error object', async () => {
    expect(await handler([SAMPLE, SAMPLE])).toStrictEqual({ predictions: [0, 0] });
    expect(await handler({ ...SAMPLE, variance: 'x' })).toStrictEqual({
      error: expect.stringContaining('variance'),
    });
  });
});
