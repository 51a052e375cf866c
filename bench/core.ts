import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { SESSION_OPTIONS } from '../core/model';
import { findModelsDir } from '../core/models-dir';
import { app } from '../core/runtime';

// In-process cost of one single-row prediction: the whole core route vs a raw session.run.
const SAMPLE = { variance: 1.2247, skewness: 8.7779, curtosis: -2.2135, entropy: -0.80647 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20_000);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function time(label: string, prepare: () => unknown, run: (input: never) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const input = prepare() as never;
    const start = process.hrtime.bigint();
    await run(input);
    if (i >= ROUNDS / 10) samples.push(Number(process.hrtime.bigint() - start) / 1000); // skip warm-up
  }
  const us = median(samples);
  console.log(`${label.padEnd(44)} median ${us.toFixed(1).padStart(7)} µs`);
  return us;
}

async function main() {
  const core = await app;
  const bytes = readFileSync(join(findModelsDir(), 'banknote', 'model.onnx'));
  const session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
  const row = Float64Array.from(Object.values(SAMPLE));
  const body = JSON.stringify(SAMPLE);
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };

  console.log(`single-row prediction, banknote model, ${ROUNDS} rounds each (first 10% discarded)`);
  const raw = await time(
    'raw session.run',
    () => ({ features: new ort.Tensor('float64', row, [1, 4]) }),
    (feeds: Record<string, ort.Tensor>) => session.run(feeds),
  );
  const route = await time(
    'core: POST /predict through app.fetch',
    // As every target sends it: with its content-length (node-server, API Gateway, Azure and GCP all do).
    () => new Request('http://core/predict', { method: 'POST', headers, body }),
    async (request: Request) => (await core.fetch(request)).text(),
  );
  const ratio = route / raw;
  console.log(`ratio core/raw: ${ratio.toFixed(2)} (target <= 1.50)`);
  return ratio;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
