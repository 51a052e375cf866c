import { describe, expect, it } from 'vitest';
import { named, readExpected, readRows, SAMPLE } from '../helpers/banknote';
import { callCore } from '../helpers/core';

const rows = readRows();
const expected = readExpected();

describe('the banknote model reproduces the original classifier', () => {
  it('answers the original sample as the original service did', async () => {
    const response = await callCore({ method: 'POST', path: '/predict', body: SAMPLE });
    expect(response).toEqual({ status: 200, contentType: 'application/json', body: '{"prediction":0}' });
  });

  it('gives the original label for every row of the data set, one by one on /predict', async () => {
    expect(rows).toHaveLength(1372);
    const labels = [];
    for (const row of rows) {
      const response = await callCore({ method: 'POST', path: '/predict', body: named(row) });
      labels.push(JSON.parse(response.body).prediction);
    }
    expect(labels).toEqual(expected.labels);
  });

  it('gives the original labels and probabilities for all rows as one V2 batch', async () => {
    const response = await callCore({
      method: 'POST',
      path: '/v2/models/banknote/infer',
      body: { inputs: [{ name: 'features', shape: [rows.length, 4], datatype: 'FP64', data: rows }] },
    });
    expect(response.status).toBe(200);
    const [label, probabilities] = JSON.parse(response.body).outputs;
    expect(label).toMatchObject({ name: 'label', datatype: 'INT64', shape: [rows.length] });
    expect(label.data).toEqual(expected.labels);
    expect(probabilities).toMatchObject({ name: 'probabilities', datatype: 'FP32', shape: [rows.length, 2] });
    const worst = Math.max(
      ...expected.probabilities.flat().map((p, i) => Math.abs(p - (probabilities.data[i] as number))),
    );
    expect(worst).toBeLessThan(1e-5);
  });

  it('matches the original on points within 1e-10 of the decision boundary', async () => {
    const { boundary } = expected;
    expect(boundary.length).toBeGreaterThan(10);
    expect(new Set(boundary.map((point) => point.label)).size).toBe(2);
    const response = await callCore({
      method: 'POST',
      path: '/predict',
      body: boundary.map((point) => named(point.features)),
    });
    expect(JSON.parse(response.body).predictions).toEqual(boundary.map((point) => point.label));
  });
});

describe('the second model reproduces its scikit-learn MLP', () => {
  it('gives its labels and probabilities for all rows as one V2 batch', async () => {
    const mlp = readExpected('banknote-mlp');
    const response = await callCore({
      method: 'POST',
      path: '/v2/models/banknote-mlp/infer',
      body: { inputs: [{ name: 'input', shape: [rows.length, 4], datatype: 'FP32', data: rows }] },
    });
    const [label, scores] = JSON.parse(response.body).outputs;
    expect(label.data).toEqual(mlp.labels);
    const worst = Math.max(
      ...mlp.probabilities.flat().map((p, i) => Math.abs(p - (scores.data[i] as number))),
    );
    expect(worst).toBeLessThan(1e-5);
  });
});
