import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { SESSION_OPTIONS } from '../core/model';
import { ROOT } from '../scripts/build';
import { elfArch } from '../scripts/package/audit';
import { inTempDir, isolatedEnv, runCommand } from '../scripts/package/exec';
import { folderFiles, totalBytes, unzip, zipFolder } from '../scripts/package/files';
import { MB } from '../scripts/package/limits';
import { formatTable, type SizeRow } from '../scripts/package/sizes';
import { NPM_FLAGS, runtimeDependencies } from '../scripts/package/stage';

/*
 * Cold start of the Lambda artifact, unpacked outside the repository: process start to the handler's
 * first answer, against the floor of `node` + require('onnxruntime-node') + one session + one inference,
 * measured in the same run. Then the artifact sizes, and what a naive package would weigh.
 */

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const TARGET_RATIO = 1.5;

// The Lambda runtime's work: load the handler module (init phase), then invoke it with the event.
const HANDLER = `const { handler } = require('./functions/handler.js');
handler(require(process.argv[1])).then((answer) => console.log(JSON.stringify(answer)));`;
// The floor: the same onnxruntime-node, one session with the core's session options, one inference.
const BASELINE = `const ort = require('onnxruntime-node');
ort.InferenceSession.create('models/banknote/model.onnx', ${JSON.stringify(SESSION_OPTIONS)})
  .then((s) => s.run({ features: new ort.Tensor('float64', Float64Array.from([1.2247, 8.7779, -2.2135, -0.80647]), [1, 4]) }))
  .then((out) => console.log(String(out.label.data[0])));`;
// The floor plus one web-standard Request: Node 20 loads undici (its fetch, Request and Response) lazily,
// and any fetch-standard app pays that on its first request.
const BASELINE_WEB = BASELINE.replace('console.log(', "console.log(new Request('http://x') && ");

/** Milliseconds from spawning `node -e script` to its first line of output. */
function timeToFirstLine(cwd: string, script: string, args: string[] = []): Promise<number> {
  return new Promise((ok, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', script, ...args], {
      cwd,
      env: isolatedEnv(),
      stdio: 'pipe',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.stdout.once('data', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      child.kill('SIGKILL');
      ok(ms);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      fail(new Error(`no answer from the child: ${errors}`));
    });
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** What a zip's onnxruntime-node binding was built for, read from its ELF header. */
function zipArch(zipFile: string) {
  const binding = new AdmZip(zipFile)
    .getEntries()
    .find((entry) => entry.entryName.endsWith('/onnxruntime_binding.node'));
  return binding && elfArch(binding.getData().subarray(0, 64));
}

/** The Lambda zip: artifacts/aws-lambda.zip when it runs on this machine, else one built now into `scratch`. */
async function lambdaZip(scratch: string): Promise<{ zip: string; row?: SizeRow }> {
  const built = join(ROOT, 'artifacts/aws-lambda.zip');
  const arch = existsSync(built) ? zipArch(built) : undefined;
  if (arch === process.arch) return { zip: built };
  const args = ['--only=aws-lambda', `--arch=${process.arch}`];
  const why = existsSync(built) ? `is not for linux/${process.arch} (${arch ?? 'no binding'})` : 'is missing';
  console.log(`artifacts/aws-lambda.zip ${why}: building one (npm run package -- ${args.join(' ')})`);
  const out = join(scratch, 'artifacts');
  await runCommand(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/package.ts', ...args, '--no-smoke', `--out=${out}`],
    { cwd: ROOT, timeoutMs: 600_000 },
  );
  return {
    zip: join(out, 'aws-lambda.zip'),
    row: JSON.parse(readFileSync(join(out, 'sizes.json'), 'utf8'))[0],
  };
}

async function coldStart(task: string) {
  const event = join(task, '..', 'event.json');
  cpSync(join(ROOT, 'functions/events/predict.json'), event);
  const handler: number[] = [];
  const baseline: number[] = [];
  const bare: number[] = [];
  const web: number[] = [];
  await timeToFirstLine(task, HANDLER, [event]); // warms the page cache, as a provider's image would be
  for (let i = 0; i < RUNS; i++) {
    handler.push(await timeToFirstLine(task, HANDLER, [event]));
    baseline.push(await timeToFirstLine(task, BASELINE));
    bare.push(await timeToFirstLine(task, 'console.log(1)'));
    web.push(await timeToFirstLine(task, BASELINE_WEB));
  }
  const ratio = median(handler) / median(baseline);
  console.log(`\ncold start from the unpacked Lambda zip, ${RUNS} fresh processes each (medians):`);
  console.log(
    `  node alone (start, print)                               ${median(bare).toFixed(1).padStart(7)} ms`,
  );
  console.log(
    `  node + require('onnxruntime-node') + session + run      ${median(baseline).toFixed(1).padStart(7)} ms`,
  );
  console.log(
    `  the same + one web Request (loads undici)               ${median(web).toFixed(1).padStart(7)} ms`,
  );
  console.log(
    `  handler: load functions/handler.js, answer the sample   ${median(handler).toFixed(1).padStart(7)} ms`,
  );
  const above = (median(handler) - median(bare)) / (median(baseline) - median(bare));
  console.log(`  ratio handler/baseline: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO.toFixed(2)})`);
  console.log(`  the same above bare node start: ${above.toFixed(2)}`);
  console.log(`  ratio handler/(baseline + web Request): ${(median(handler) / median(web)).toFixed(2)}`);
}

/**
 * The naive package, built once: the same bundle and models with every platform's onnxruntime-node and
 * its install-time dependencies, as `npm install --omit=dev` leaves them, zipped in memory.
 */
async function naive(task: string, scratch: string) {
  const dir = join(scratch, 'naive');
  cpSync(task, dir, { recursive: true, filter: (source) => !source.startsWith(join(task, 'node_modules')) });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: runtimeDependencies('server') }));
  await runCommand('npm', ['install', '--omit=dev', ...NPM_FLAGS], {
    cwd: dir,
    env: isolatedEnv(),
    timeoutMs: 300_000,
  });
  rmSync(join(dir, 'package-lock.json'));
  const files = folderFiles(dir);
  const ort = totalBytes(folderFiles(join(dir, 'node_modules/onnxruntime-node')));
  return { files: files.length, unzipped: totalBytes(files), zipped: zipFolder(dir).length, ort };
}

async function main() {
  await inTempDir('modelfn-bench-', async (scratch) => {
    const { zip, row } = await lambdaZip(scratch);
    const task = join(scratch, 'task');
    unzip(zip, task);
    await coldStart(task);

    const sizesFile = join(ROOT, 'artifacts/sizes.json');
    const recorded = existsSync(sizesFile) ? JSON.parse(readFileSync(sizesFile, 'utf8')) : [];
    const rows: SizeRow[] = row ? [row] : recorded;
    console.log(`\nartifact sizes (${row ? 'the Lambda zip built now' : 'artifacts/sizes.json'}):`);
    console.log(formatTable(rows));

    const ours = folderFiles(task);
    const big = await naive(task, scratch);
    const mb = (bytes: number) => `${(bytes / MB).toFixed(1).padStart(6)} MB`;
    const line = (name: string, files: number, zipped: number, unzipped: number) =>
      `  ${name.padEnd(6)} ${String(files).padStart(5)} files  zipped ${mb(zipped)}  unzipped ${mb(unzipped)}`;
    console.log('\nLambda zip, naive (every platform, install-time deps; zipped once, in memory) vs ours:');
    console.log(line('naive', big.files, big.zipped, big.unzipped));
    console.log(line('ours', ours.length, readFileSync(zip).length, totalBytes(ours)));
    console.log(
      `  onnxruntime-node alone, as installed: ${mb(big.ort).trim()} unpacked (Lambda allows 250 MB)`,
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
