import { gzipSync } from 'node:zlib';
import { named, readExpected, SAMPLE } from '../helpers/banknote';
import type { Call } from '../helpers/core';

export interface Case extends Call {
  name: string;
}

const post = (name: string, path: string, body: unknown, headers?: Record<string, string>): Case => ({
  name,
  method: 'POST',
  path,
  body,
  headers,
});
const get = (name: string, path: string): Case => ({ name, method: 'GET', path });
const v2 = (input: string, shape: number[], datatype: string, data: unknown, extra = {}) => ({
  inputs: [{ name: input, shape, datatype, data }],
  ...extra,
});

const sample = JSON.stringify(SAMPLE);
const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const rows = (count: number) => Array.from({ length: count }, () => SAMPLE);

const boundary = readExpected()
  .boundary.slice(0, 6)
  .map((point) => point.features);
const edges = [
  [0, -0, 0, -0],
  [1e-300, -1e-300, 1e-300, 0],
  [3.5e38, 0, 0, 0],
  [-3.4e38, 1, -1, 0],
  [1.7976931348623157e308, 0, 0, 0],
];

/** One corpus of requests, sent to every target and compared with the core's own answer. */
export const CORPUS: Case[] = [
  // the original API
  post('predict: original sample', '/predict', SAMPLE),
  post('predict: batch of two', '/predict', [SAMPLE, named([-2.5, -6.1, 8.1, -0.7])]),
  post('predict: near the decision boundary', '/predict', boundary.map(named)),
  ...edges.map((row, i) => post(`predict: edge numbers ${i}`, '/predict', named(row))),
  post('predict: string for a number', '/predict', { ...SAMPLE, variance: '1.2' }),
  post('predict: extra field', '/predict', { ...SAMPLE, colour: 'red' }),
  post('predict: missing field', '/predict', { variance: 1 }),
  post('predict: empty batch', '/predict', []),
  post('predict: malformed JSON', '/predict', '{"variance": 1.2247,'),
  post('predict: NaN', '/predict', '{"variance": NaN, "skewness": 1, "curtosis": 1, "entropy": 1}'),
  post('predict: 1e999', '/predict', '{"variance": 1e999, "skewness": 1, "curtosis": 1, "entropy": 1}'),
  post('predict: a bare number', '/predict', '1'),
  post('predict: empty body', '/predict', ''),
  // Under the core's 6 MB limit but over the 1 MB HTTP servers often default to; then over the limit.
  post('predict: 1.5 MB batch', '/predict', rows(20_000)),
  post('predict: 7 MB body', '/predict', rows(100_000)),
  // A missing content type is read as JSON; bytes go without one (a string would get fetch's text/plain).
  post('predict: no content type', '/predict', bytes(sample)),
  post('predict: malformed JSON, no content type', '/predict', bytes('{"a":')),
  post('predict: charset=utf-8', '/predict', sample, { 'content-type': 'application/json; charset=utf-8' }),
  post('predict: charset=iso-8859-1', '/predict', sample, {
    'content-type': 'application/json; charset=iso-8859-1',
  }),
  post('predict: text/plain', '/predict', sample, { 'content-type': 'text/plain' }),
  post('predict: octet-stream', '/predict', bytes(sample), { 'content-type': 'application/octet-stream' }),
  post('predict: gzip body', '/predict', new Uint8Array(gzipSync(sample)), {
    'content-type': 'application/json',
    'content-encoding': 'gzip',
  }),
  // Bodies an HTTP framework's own body parser would answer itself (Express: an HTML 415 or 400 page).
  post('predict: content-encoding compress', '/predict', sample, { 'content-encoding': 'compress' }),
  post('predict: labelled gzip, not gzip', '/predict', sample, { 'content-encoding': 'gzip' }),
  // Azure's function key travels in the query or a header; no target may let either change the answer.
  post('predict: function key in query and header', '/predict?code=key', SAMPLE, {
    'x-functions-key': 'key',
  }),
  get('predict: wrong method', '/predict'),
  // KServe V1
  get('v1: list', '/v1/models'),
  get('v1: banknote', '/v1/models/banknote'),
  get('v1: banknote-mlp', '/v1/models/banknote-mlp'),
  get('v1: unknown model', '/v1/models/nope'),
  { name: 'v1: wrong method', method: 'DELETE', path: '/v1/models' },
  post('v1: arrays', '/v1/models/banknote:predict', {
    instances: [Object.values(SAMPLE), [-2.5, -6.1, 8.1, -0.7]],
  }),
  post('v1: an array and a named row', '/v1/models/banknote:predict', {
    instances: [Object.values(SAMPLE), named([-2.5, -6.1, 8.1, -0.7])],
  }),
  post('v1: named rows, mlp', '/v1/models/banknote-mlp:predict', {
    instances: [SAMPLE, named([-2.5, -6.1, 8.1, -0.7])],
  }),
  post('v1: edge numbers, mlp', '/v1/models/banknote-mlp:predict', { instances: edges.slice(0, 2) }),
  post('v1: overflow on a float32 model', '/v1/models/banknote-mlp:predict', { instances: [edges[2]] }),
  post('v1: short row', '/v1/models/banknote:predict', { instances: [[1, 2, 3]] }),
  post('v1: predict on an unknown model', '/v1/models/nope:predict', { instances: [[1, 2, 3, 4]] }),
  // Open Inference Protocol
  get('v2: server metadata', '/v2'),
  get('v2: live', '/v2/health/live'),
  get('v2: ready', '/v2/health/ready'),
  get('v2: model metadata', '/v2/models/banknote'),
  get('v2: model metadata, versioned', '/v2/models/banknote-mlp/versions/1'),
  get('v2: model ready', '/v2/models/banknote/ready'),
  get('v2: unknown model', '/v2/models/nope'),
  get('v2: unknown version', '/v2/models/banknote/versions/7'),
  post(
    'v2: infer FP64 flat',
    '/v2/models/banknote/infer',
    v2('features', [1, 4], 'FP64', Object.values(SAMPLE), { id: 'r-1' }),
  ),
  post(
    'v2: infer FP32 nested batch, output selection',
    '/v2/models/banknote/versions/1/infer',
    v2('features', [2, 4], 'FP32', [Object.values(SAMPLE), [-2.5, -6.1, 8.1, -0.7]], {
      outputs: [{ name: 'probabilities' }],
    }),
  ),
  post(
    'v2: infer near the boundary',
    '/v2/models/banknote/infer',
    v2('features', [boundary.length, 4], 'FP64', boundary),
  ),
  post(
    'v2: infer edge numbers',
    '/v2/models/banknote/infer',
    v2('features', [2, 4], 'FP64', edges.slice(0, 2)),
  ),
  post('v2: infer mlp', '/v2/models/banknote-mlp/infer', v2('input', [1, 4], 'FP32', Object.values(SAMPLE))),
  post('v2: FP32 overflow', '/v2/models/banknote/infer', v2('features', [1, 4], 'FP32', edges[2])),
  post('v2: wrong datatype', '/v2/models/banknote/infer', v2('features', [1, 4], 'INT32', [1, 2, 3, 4])),
  post('v2: shape mismatch', '/v2/models/banknote/infer', v2('features', [2, 4], 'FP64', [1, 2, 3, 4])),
  post(
    'v2: unknown output',
    '/v2/models/banknote/infer',
    v2('features', [1, 4], 'FP64', [1, 2, 3, 4], { outputs: [{ name: 'x' }] }),
  ),
  post('v2: empty object', '/v2/models/banknote-mlp/infer', {}),
  post(
    'v2: infer on an unknown model',
    '/v2/models/nope/infer',
    v2('features', [1, 4], 'FP64', [1, 2, 3, 4]),
  ),
  { name: 'v2: wrong method', method: 'DELETE', path: '/v2/models/banknote' },
  { name: 'v2: wrong method on infer', method: 'DELETE', path: '/v2/models/banknote/infer' },
  { name: 'v2: HEAD live', method: 'HEAD', path: '/v2/health/live' },
  // the rest of the surface
  get('openapi.json', '/openapi.json'),
  get('docs page', '/docs'),
  get('unknown route', '/nothing/here'),
  get('root', '/'),
  // Cloud Functions would answer it itself unless IGNORED_ROUTES is empty, as deployed.
  get('favicon.ico', '/favicon.ico'),
  get('query string is ignored', '/v2/health/ready?verbose=1'),
];
