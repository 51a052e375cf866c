import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app as coreApp } from '../../core/runtime';
import { SAMPLE } from '../helpers/banknote';
import { type Call, callCore, callHttp } from '../helpers/core';
import { freePort, type Started, startProcess } from '../helpers/process';

const FEATURES = [SAMPLE.variance, SAMPLE.skewness, SAMPLE.curtosis, SAMPLE.entropy];

// Each goes through `npm run serve:azure` and must come back exactly as the core answers it in process.
const CALLS: [string, Call][] = [
  ['original sample', { method: 'POST', path: '/predict', body: SAMPLE }],
  ['batch', { method: 'POST', path: '/predict', body: [SAMPLE, { ...SAMPLE, variance: -3 }] }],
  ['V1 predict', { method: 'POST', path: '/v1/models/banknote:predict', body: { instances: [FEATURES] } }],
  ['V1 model list', { method: 'GET', path: '/v1/models' }],
  [
    'V2 infer',
    {
      method: 'POST',
      path: '/v2/models/banknote/infer',
      body: { inputs: [{ name: 'features', shape: [1, 4], datatype: 'FP64', data: FEATURES }] },
    },
  ],
  ['V2 model metadata', { method: 'GET', path: '/v2/models/banknote' }],
  ['V2 readiness with a query string', { method: 'GET', path: '/v2/health/ready?probe=1' }],
  [
    'function key in the query and header',
    { method: 'POST', path: '/predict?code=key', body: SAMPLE, headers: { 'x-functions-key': 'key' } },
  ],
  ['bad JSON', { method: 'POST', path: '/predict', body: '{"variance": 1,' }],
  [
    'wrong content type',
    { method: 'POST', path: '/predict', body: 'variance=1', headers: { 'content-type': 'text/plain' } },
  ],
  ['body over 6 MB', { method: 'POST', path: '/predict', body: `[${'0,'.repeat(3_500_000)}0]` }],
  ['unknown route', { method: 'GET', path: '/nope' }],
  ['unknown model', { method: 'GET', path: '/v2/models/nope' }],
  ['wrong method', { method: 'GET', path: '/predict' }],
  ['wrong method, DELETE', { method: 'DELETE', path: '/v1/models' }],
  ['HEAD', { method: 'HEAD', path: '/v2/health/live' }],
  ['OpenAPI document', { method: 'GET', path: '/openapi.json' }],
  ['docs page', { method: 'GET', path: '/docs' }],
];

describe('Azure Functions local host (npm run serve:azure)', () => {
  let host: Started;

  beforeAll(async () => {
    const port = await freePort();
    host = await startProcess('npm', ['run', '--silent', 'serve:azure'], {
      env: { PORT: String(port) },
      ready: /listening on http:\/\/127\.0\.0\.1:\d+/,
      url: `http://127.0.0.1:${port}`,
      timeoutMs: 120_000,
    });
  });
  afterAll(() => host?.stop());

  it('lists the catch-all function with all methods and its auth level, as func start does', () => {
    expect(host.output()).toMatch(
      /modelfn: \[GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS,TRACE,CONNECT\] http:\/\/127\.0\.0\.1:\d+\/\{\*path\} \(authLevel function\)/,
    );
  });

  it('answers the original sample with {"prediction":0}', async () => {
    const answer = await callHttp(host.url, CALLS[0]?.[1] as Call);
    expect(answer).toEqual({ status: 200, contentType: 'application/json', body: '{"prediction":0}' });
  });

  it.each(CALLS)('%s: same status, content-type and body as the core', async (_, call) => {
    const [viaAzure, inProcess] = await Promise.all([callHttp(host.url, call), callCore(call)]);
    expect(viaAzure).toEqual(inProcess);
  });

  it('passes every header of the core response through (405 keeps its Allow)', async () => {
    const init = { method: 'DELETE' };
    const [viaAzure, inProcess] = await Promise.all([
      fetch(`${host.url}/predict`, init),
      coreApp.then((app) => app.fetch(new Request('http://core/predict', init))),
    ]);
    // Connection-level headers are the HTTP server's, not the app's.
    const own = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
    const appHeaders = (headers: Headers) => [...headers].filter(([name]) => !own.has(name));
    expect(viaAzure.status).toBe(405);
    expect(appHeaders(viaAzure.headers)).toEqual(appHeaders(inProcess.headers));
    expect(viaAzure.headers.get('allow')).toBe('POST');
  });
});
