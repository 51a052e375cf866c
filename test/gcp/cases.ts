import { expect } from 'vitest';
import { app } from '../../core/runtime';
import { SAMPLE } from '../helpers/banknote';

export interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is. A string without a content-type header gets fetch's text/plain; bytes get none. */
  body?: string | Uint8Array<ArrayBuffer>;
}

const json = { 'content-type': 'application/json' };
const sample = JSON.stringify(SAMPLE);
const row = [1.2247, 8.7779, -2.2135, -0.80647];
// Over the core's 6 MB limit, far under the framework's own 1024 MB body-parser limit.
const sevenMegabytes = JSON.stringify(Array.from({ length: 100_000 }, () => SAMPLE));

export const ORIGINAL: Case = {
  name: 'original sample',
  method: 'POST',
  path: '/predict',
  headers: json,
  body: sample,
};

/** Requests the function must answer exactly as the core does. */
export const PARITY: Case[] = [
  ORIGINAL,
  {
    name: 'batch',
    method: 'POST',
    path: '/predict',
    headers: json,
    body: JSON.stringify([SAMPLE, { variance: -3.5, skewness: -10, curtosis: 12, entropy: -1 }]),
  },
  { name: 'V1 list', method: 'GET', path: '/v1/models' },
  { name: 'V1 model', method: 'GET', path: '/v1/models/banknote' },
  {
    name: 'V1 predict',
    method: 'POST',
    path: '/v1/models/banknote:predict',
    headers: json,
    body: JSON.stringify({ instances: [row, SAMPLE] }),
  },
  { name: 'V2 server', method: 'GET', path: '/v2' },
  { name: 'V2 ready', method: 'GET', path: '/v2/health/ready' },
  { name: 'V2 model', method: 'GET', path: '/v2/models/banknote' },
  {
    name: 'V2 infer',
    method: 'POST',
    path: '/v2/models/banknote/infer',
    headers: json,
    body: JSON.stringify({ inputs: [{ name: 'features', shape: [1, 4], datatype: 'FP64', data: row }] }),
  },
  {
    name: 'V2 infer, other model',
    method: 'POST',
    path: '/v2/models/banknote-mlp/infer',
    headers: json,
    body: '{}',
  },
  { name: 'OpenAPI document', method: 'GET', path: '/openapi.json' },
  { name: 'HEAD', method: 'HEAD', path: '/v2/health/live' },
  // The framework's body parsers skip a body without content-type; the adapter reads the stream itself.
  { name: 'sample without content-type', method: 'POST', path: '/predict', body: Buffer.from(sample) },
  {
    name: 'malformed JSON without content-type',
    method: 'POST',
    path: '/predict',
    body: Buffer.from('{"a":'),
  },
  { name: 'empty JSON body', method: 'POST', path: '/predict', headers: json, body: '' },
  {
    // JSON.parse turns 1e999 into Infinity, which re-serialises as null: only the raw bytes keep the error.
    name: '1e999 overflow',
    method: 'POST',
    path: '/predict',
    headers: json,
    body: '{"variance":1e999,"skewness":1,"curtosis":1,"entropy":1}',
  },
  {
    name: 'sample with charset=utf-8',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: sample,
  },
  {
    name: 'text/plain body',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'text/plain' },
    body: sample,
  },
  {
    name: 'octet-stream body',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'application/octet-stream' },
    body: Buffer.from(sample),
  },
  { name: '7 MB JSON body', method: 'POST', path: '/predict', headers: json, body: sevenMegabytes },
  { name: 'unknown route', method: 'GET', path: '/nowhere?x=1' },
  { name: 'unknown model', method: 'GET', path: '/v2/models/nope' },
  { name: 'wrong method', method: 'GET', path: '/predict' },
  { name: 'wrong method on V2 infer', method: 'DELETE', path: '/v2/models/banknote/infer' },
];

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const init = (c: Case): RequestInit => ({ method: c.method, headers: c.headers, body: c.body });

async function read(response: Response): Promise<Answer> {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

/** The reference: the core app in process. */
export const viaCore = async (c: Case) =>
  read(await (await app).fetch(new Request(`http://core${c.path}`, init(c))));

export const viaHttp = async (base: string, c: Case) => read(await fetch(`${base}${c.path}`, init(c)));

/** Same status and body, and every header the core set with the same value (HTTP adds date etc.). */
export function expectSameAnswer(actual: Answer, reference: Answer) {
  const shared = Object.fromEntries(
    Object.keys(reference.headers).map((name) => [name, actual.headers[name]]),
  );
  expect({ ...actual, headers: shared }).toEqual(reference);
}
