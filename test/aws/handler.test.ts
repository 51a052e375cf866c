import type { APIGatewayProxyResult } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { invokeDirect } from '../../functions/direct-invoke';
import { handler } from '../../functions/handler';
import {
  HTTP_API_EVENT,
  httpApiEvent,
  PREDICT_EVENT,
  REST_API_EVENT,
  readResult,
  restApiEvent,
} from '../helpers/api-gateway';
import { SAMPLE } from '../helpers/banknote';
import { type Call, coreAnswer, isBytes } from '../helpers/core';
import { CORPUS } from '../parity/corpus';

// Every route through API Gateway v1 and v2 events is in the parity suite; here, what only Lambda has.

const viaApiGateway = async (event: unknown) => readResult((await handler(event)) as APIGatewayProxyResult);
const PREDICTION = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"prediction":0}' };

describe('the sample events in functions/events', () => {
  it('direct invoke answers the body object itself, as the original function did', async () => {
    expect(await handler(PREDICT_EVENT)).toStrictEqual({ prediction: 0 });
  });

  it.each([
    ['HTTP API 2.0', HTTP_API_EVENT],
    ['REST API 1.0', REST_API_EVENT],
  ])('%s answers 200 {"prediction":0} as JSON', async (_, event) => {
    expect(await viaApiGateway(event)).toEqual(PREDICTION);
  });

  it('REST API answers with multiValueHeaders, HTTP API with headers (each as its API expects)', async () => {
    expect(await handler(REST_API_EVENT)).toHaveProperty('multiValueHeaders', {
      'content-type': ['application/json'],
    });
    expect(await handler(HTTP_API_EVENT)).toHaveProperty('headers', { 'content-type': 'application/json' });
  });
});

it.each([
  ['HTTP API 2.0', httpApiEvent],
  ['REST API 1.0', restApiEvent],
])('%s: a base64-encoded JSON body is decoded before the core sees it', async (_, toEvent) => {
  const event = toEvent({ method: 'POST', path: '/predict', body: SAMPLE }, true);
  expect(event.isBase64Encoded).toBe(true);
  expect(await viaApiGateway(event)).toEqual(PREDICTION);
});

describe('direct invoke answers with the body the core answers on POST /predict', () => {
  // The corpus's /predict bodies that are JSON values: a direct invoke's event is the parsed body.
  const bodies = CORPUS.filter(
    (call) =>
      call.method === 'POST' &&
      call.path === '/predict' &&
      !call.headers &&
      typeof call.body === 'object' &&
      !isBytes(call.body),
  );

  it.each(bodies.map((call) => [call.name, call] as const))('%s', async (_, call: Call) => {
    const reference = await coreAnswer(call);
    expect(await handler(call.body)).toStrictEqual(JSON.parse(reference.body));
  });

  it('a failure of the function itself is a Lambda function error, not a result', async () => {
    // The core stands in with the answer a bug gives (a bare JSON 500).
    const failing = { fetch: async () => Response.json({ error: 'internal server error' }, { status: 500 }) };
    await expect(invokeDirect(failing, SAMPLE)).rejects.toThrow('internal server error');
  });

  it('the batch form answers predictions, a bad body the core error object', async () => {
    expect(await handler([SAMPLE, SAMPLE])).toStrictEqual({ predictions: [0, 0] });
    expect(await handler({ ...SAMPLE, variance: 'x' })).toStrictEqual({
      error: expect.stringContaining('variance'),
    });
  });
});
