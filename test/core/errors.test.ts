import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/banknote';
import { type Call, callHttp } from '../helpers/core';
import { freePort, type Started, startProcess } from '../helpers/process';

const infer = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  method: 'POST',
  path: '/v2/models/banknote/infer',
  body: {
    inputs: [{ name: 'features', shape: [1, 4], datatype: 'FP64', data: [1, 2, 3, 4], ...input }],
    ...extra,
  },
});
const mlpInfer = (data: number[]) => ({
  method: 'POST',
  path: '/v2/models/banknote-mlp/infer',
  body: { inputs: [{ name: 'input', shape: [1, 4], datatype: 'FP64', data }] },
});

// Every client mistake: [case, request, status, words the error must contain].
const BAD: [string, Call, number, string][] = [
  ['malformed JSON', { method: 'POST', path: '/predict', body: '{"variance": 1,' }, 400, 'not valid JSON'],
  ['empty body', { method: 'POST', path: '/predict', body: '' }, 400, 'not valid JSON'],
  ['NaN token', { method: 'POST', path: '/predict', body: '{"variance": NaN}' }, 400, 'not valid JSON'],
  [
    'Infinity token',
    { method: 'POST', path: '/predict', body: '{"variance": Infinity}' },
    400,
    'not valid JSON',
  ],
  [
    '1e999 overflows to Infinity',
    { method: 'POST', path: '/predict', body: '{"variance":1e999,"skewness":1,"curtosis":1,"entropy":1}' },
    400,
    'body.variance',
  ],
  [
    'missing field',
    { method: 'POST', path: '/predict', body: { variance: 1, skewness: 1, curtosis: 1 } },
    400,
    'body.entropy',
  ],
  ['extra field', { method: 'POST', path: '/predict', body: { ...SAMPLE, colour: 1 } }, 400, 'colour'],
  [
    'string for a number',
    { method: 'POST', path: '/predict', body: { ...SAMPLE, variance: '1.2' } },
    400,
    'body.variance',
  ],
  [
    'boolean for a number',
    { method: 'POST', path: '/predict', body: { ...SAMPLE, skewness: true } },
    400,
    'body.skewness',
  ],
  [
    'null for a number',
    { method: 'POST', path: '/predict', body: { ...SAMPLE, curtosis: null } },
    400,
    'body.curtosis',
  ],
  ['a bare number', { method: 'POST', path: '/predict', body: 42 }, 400, 'body'],
  ['empty batch', { method: 'POST', path: '/predict', body: [] }, 400, 'at least one row'],
  [
    'bad row in a batch',
    { method: 'POST', path: '/predict', body: [SAMPLE, { ...SAMPLE, entropy: 'x' }] },
    400,
    'body[1].entropy',
  ],
  [
    'V1 without instances',
    { method: 'POST', path: '/v1/models/banknote:predict', body: { rows: [] } },
    400,
    'instances',
  ],
  [
    'V1 short row',
    { method: 'POST', path: '/v1/models/banknote:predict', body: { instances: [[1, 2, 3]] } },
    400,
    'body.instances[0]',
  ],
  [
    'V1 unknown model',
    { method: 'POST', path: '/v1/models/nope:predict', body: { instances: [[1, 2, 3, 4]] } },
    404,
    'nope',
  ],
  ['V2 wrong datatype', infer({ datatype: 'INT64' }), 400, 'datatype'],
  ['V2 unknown datatype', infer({ datatype: 'FLOAT' }), 400, 'datatype'],
  ['V2 shape does not match data', infer({ shape: [2, 4] }), 400, 'needs 8'],
  ['V2 wrong width', infer({ shape: [1, 3], data: [1, 2, 3] }), 400, 'shape'],
  ['V2 negative dimension', infer({ shape: [-1, 4] }), 400, 'shape'],
  [
    'V2 nested data against shape',
    infer({
      shape: [2, 4],
      data: [
        [1, 2, 3, 4],
        [1, 2, 3],
      ],
    }),
    400,
    'data[1]',
  ],
  ['V2 string in data', infer({ data: [1, 2, '3', 4] }), 400, 'data[2]'],
  ['V2 FP32 overflow', infer({ datatype: 'FP32', data: [3.5e38, 0, 0, 0] }), 400, 'overflows FP32'],
  ['overflow of a float32 model input', mlpInfer([1, 2, 3.5e38, 4]), 400, 'overflows FP32'],
  ['V2 unknown input name', infer({ name: 'x' }), 400, 'features'],
  ['V2 unknown output', infer({}, { outputs: [{ name: 'nope' }] }), 400, 'body.outputs[0].name'],
  ['V2 empty output selection', infer({}, { outputs: [] }), 400, 'body.outputs'],
  [
    'V2 output requested twice',
    infer({}, { outputs: [{ name: 'label' }, { name: 'label' }] }),
    400,
    'body.outputs[1].name',
  ],
  [
    'V2 no inputs',
    { method: 'POST', path: '/v2/models/banknote/infer', body: { inputs: [] } },
    400,
    'inputs',
  ],
  ['V2 unknown model', { ...infer({}), path: '/v2/models/nope/infer' }, 404, 'nope'],
  ['V2 unknown version', { ...infer({}), path: '/v2/models/banknote/versions/9/infer' }, 404, '"9"'],
  ['unknown route', { method: 'GET', path: '/v3/anything' }, 404, '/v3/anything'],
  ['wrong method', { method: 'GET', path: '/predict' }, 405, 'POST'],
  ['wrong method on V2', { method: 'DELETE', path: '/v2/models/banknote' }, 405, 'GET'],
  [
    'body over 6 MB',
    { method: 'POST', path: '/predict', body: `[${'1,'.repeat(3.2e6)}1]` },
    413,
    'larger than',
  ],
  [
    'non-JSON content type',
    {
      method: 'POST',
      path: '/predict',
      body: 'variance=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    415,
    'content-type',
  ],
  [
    'compressed body',
    { method: 'POST', path: '/predict', body: '{}', headers: { 'content-encoding': 'gzip' } },
    415,
    'content-encoding',
  ],
];

describe('bad input to the standalone server', () => {
  let server: Started;
  beforeAll(async () => {
    const port = await freePort();
    server = await startProcess('npx', ['tsx', 'server/main.ts'], {
      env: { PORT: String(port), HOST: '127.0.0.1' },
      ready: /serving http/,
      url: `http://127.0.0.1:${port}`,
    });
  });
  afterAll(() => server?.stop());

  it.each(BAD)('%s', async (_, call, status, words) => {
    const response = await callHttp(server.url, call);
    expect(response.status).toBe(status);
    expect(response.contentType).toBe('application/json');
    const { error } = JSON.parse(response.body);
    expect(error).toContain(words);
    expect(response.body).not.toMatch(/\/work\/|node_modules|at .+\.ts:\d+/); // no internals leak
  });

  it('still answers a valid request after all of them', async () => {
    const response = await callHttp(server.url, { method: 'POST', path: '/predict', body: SAMPLE });
    expect(response).toEqual({ status: 200, contentType: 'application/json', body: '{"prediction":0}' });
  });

  it('answers 405 with an Allow header', async () => {
    const response = await fetch(`${server.url}/predict`);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
