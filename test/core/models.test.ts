import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { named, readRows, SAMPLE } from '../helpers/banknote';
import { callCore } from '../helpers/core';
import { ROOT } from '../helpers/process';

const manifest = (name: string) =>
  JSON.parse(readFileSync(resolve(ROOT, 'models', name, 'manifest.json'), 'utf8'));
const json = async (method: string, path: string, body?: unknown) => {
  const response = await callCore({ method, path, body });
  expect(response.status, response.body).toBe(200);
  return JSON.parse(response.body);
};

// What each ONNX file declares (see its MODEL_CARD.md): two models with different names and types.
const MODELS = {
  banknote: {
    input: ['features', 'FP64'],
    outputs: [
      ['label', 'INT64', [-1]],
      ['probabilities', 'FP32', [-1, 2]],
    ],
  },
  'banknote-mlp': {
    input: ['input', 'FP32'],
    outputs: [
      ['class', 'INT64', [-1]],
      ['scores', 'FP32', [-1, 2]],
    ],
  },
} as const;

describe.each(Object.entries(MODELS))('model %s', (name, facts) => {
  const rows = readRows().slice(0, 50);

  it('is listed and ready on V1 and V2', async () => {
    expect((await json('GET', '/v1/models')).models).toContain(name);
    expect(await json('GET', `/v1/models/${name}`)).toEqual({ name, ready: true });
    expect(await json('GET', `/v2/models/${name}/ready`)).toEqual({ name, ready: true });
  });

  it('reports the metadata of its ONNX file', async () => {
    const metadata = await json('GET', `/v2/models/${name}`);
    expect(metadata).toEqual({
      name,
      versions: [manifest(name).version],
      platform: 'onnx_onnxv1',
      inputs: [{ name: facts.input[0], datatype: facts.input[1], shape: [-1, 4] }],
      outputs: facts.outputs.map(([output, datatype, shape]) => ({ name: output, datatype, shape })),
    });
    expect(await json('GET', `/v2/models/${name}/versions/${manifest(name).version}`)).toEqual(metadata);
  });

  it('gives the same labels through V1 (arrays and named rows) and V2 (flat and nested, FP32 and FP64)', async () => {
    const { outputs } = await json('POST', `/v2/models/${name}/infer`, {
      id: 'req-1',
      inputs: [{ name: facts.input[0], shape: [rows.length, 4], datatype: 'FP64', data: rows.flat() }],
    });
    const [label, probabilities] = outputs;
    expect(label.data).toHaveLength(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [p0, p1] = probabilities.data.slice(2 * i, 2 * i + 2);
      expect(p0 + p1).toBeCloseTo(1, 5);
      expect([0, 1]).toContain(label.data[i]);
    }
    expect((await json('POST', `/v1/models/${name}:predict`, { instances: rows })).predictions).toEqual(
      label.data,
    );
    expect(
      (await json('POST', `/v1/models/${name}:predict`, { instances: rows.map(named) })).predictions,
    ).toEqual(label.data);
    const nested32 = await json('POST', `/v2/models/${name}/versions/1/infer`, {
      inputs: [{ name: facts.input[0], shape: [rows.length, 4], datatype: 'FP32', data: rows }],
      outputs: [{ name: facts.outputs[0][0] }],
    });
    expect(nested32.outputs).toHaveLength(1);
    expect(nested32.outputs[0].data).toEqual(label.data);
  });

  it('echoes the request id and names the model and version', async () => {
    const body = await json('POST', `/v2/models/${name}/infer`, {
      id: 'abc',
      inputs: [{ name: facts.input[0], shape: [1, 4], datatype: 'FP64', data: Object.values(SAMPLE) }],
    });
    expect(body).toMatchObject({ model_name: name, model_version: '1', id: 'abc' });
    expect(body.outputs.map((output: { name: string }) => output.name)).toEqual(
      facts.outputs.map(([n]) => n),
    );
  });
});

describe('the OpenAPI document', () => {
  it('is generated from the request schemas and served with an interactive page', async () => {
    const document = await json('GET', '/openapi.json');
    expect(document.openapi).toBe('3.1.0');
    const [row] = document.paths['/predict'].post.requestBody.content['application/json'].schema.anyOf;
    expect(Object.keys(row.properties)).toEqual(['variance', 'skewness', 'curtosis', 'entropy']);
    expect(row.additionalProperties).toBe(false);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/predict', '/v1/models/{model}:predict', '/v2/models/{model}/infer']),
    );
    const docs = await callCore({ method: 'GET', path: '/docs' });
    expect(docs.status).toBe(200);
    expect(docs.body).toContain("url: 'openapi.json'");
  });
});
