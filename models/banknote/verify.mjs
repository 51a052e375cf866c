// Checks a model folder's model.onnx with onnxruntime-node (the runtime that serves it) against
// expected outputs computed by scikit-learn. Called by the models' Python scripts:
//   node models/banknote/verify.mjs <model dir> <cases.json>
// cases.json: { dtype: "float64"|"float32", tolerance, groups: [{ name, features, labels,
//   probabilities, truth?, informational? }] }. Prints one JSON summary line per group and
// exits 1 if a non-informational group has a label mismatch or a probability beyond tolerance.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const [dir, casesPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const bytes = readFileSync(join(dir, manifest.file));
const sha256 = createHash('sha256').update(bytes).digest('hex');
if (sha256 !== manifest.sha256) throw new Error(`sha256 ${sha256} does not match manifest`);
const cases = JSON.parse(readFileSync(casesPath, 'utf8'));
const session = await ort.InferenceSession.create(bytes);
const Float = cases.dtype === 'float32' ? Float32Array : Float64Array;

let failed = false;
for (const g of cases.groups) {
  const n = g.features.length;
  const input = new ort.Tensor(cases.dtype, Float.from(g.features.flat()), [n, 4]);
  const out = await session.run({ [manifest.input.name]: input });
  const labels = out[manifest.outputs.label].data;
  const probs = out[manifest.outputs.probabilities].data;
  let labelMismatches = 0;
  let maxProbError = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const label = manifest.classes.indexOf(Number(labels[i])) === -1 ? Number.NaN : Number(labels[i]);
    if (label !== g.labels[i]) labelMismatches++;
    if (g.truth && label === g.truth[i]) correct++;
    for (let c = 0; c < manifest.classes.length; c++) {
      const err = Math.abs(probs[i * manifest.classes.length + c] - g.probabilities[i][c]);
      maxProbError = Number.isNaN(err) ? Number.POSITIVE_INFINITY : Math.max(maxProbError, err);
    }
  }
  const summary = { group: g.name, rows: n, labelMatches: n - labelMismatches, maxProbError };
  if (g.truth) summary.accuracy = correct / n;
  if (g.informational) summary.informational = true;
  else if (labelMismatches > 0 || maxProbError > cases.tolerance) failed = true;
  console.log(JSON.stringify(summary));
}
console.log(failed ? 'FAIL' : `OK ${manifest.name} sha256 ${sha256}`);
process.exit(failed ? 1 : 0);
