import { closeSync, copyFileSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import { ROOT } from './build';
import { audit, auditBinaries, type Expect } from './package/audit';
import { inTempDir, runCommand, step } from './package/exec';
import { type ArtifactFile, folderFiles, zipFiles, zipFolder } from './package/files';
import { type ArtifactTarget, readBudgets } from './package/limits';
import type { Arch } from './package/prune';
import { checkSizes, formatTable, measureZip, type SizeRow, sizeRow } from './package/sizes';
import { smokeAzure, smokeContainer, smokeGcp, smokeLambda } from './package/smoke';
import { stageAzure, stageContainer, stageGcp } from './package/stage';

/*
 * `npm run package [-- --arch=arm64] [--sourcemap] [--only=aws-lambda,...] [--no-smoke] [--out=dir]
 *                     [--budget-aws-zipped-mb=20 ...]`
 * Builds every deployable artifact into artifacts/, checks what each holds, runs each the way its provider
 * does, writes artifacts/sizes.json and fails when one is over its limit or a budget.
 */

// Each artifact's name inside the output folder (artifacts/, or --out).
const NAMES: Record<ArtifactTarget, string> = {
  'aws-lambda': 'aws-lambda.zip',
  'azure-functions': 'azure-functions.zip',
  'gcp-functions': 'gcp-source.zip',
  container: 'container',
};

interface Options {
  out: string;
  arch: Arch;
  sourcemap: boolean;
  smoke: boolean;
  targets: ArtifactTarget[];
}

const FLAGS = ['--arch', '--only', '--out', '--sourcemap', '--no-smoke'];

function parseArgs(argv: string[]): Options {
  for (const arg of argv.filter((a) => a.startsWith('--') && !a.startsWith('--budget-')))
    if (!FLAGS.includes(arg.split('=')[0] ?? ''))
      throw new Error(`unknown flag ${arg}; flags: ${FLAGS.join(' ')}`);
  const value = (name: string) => {
    const at = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (at < 0) return undefined;
    const arg = argv[at] ?? '';
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  };
  const arch = value('arch') ?? 'x64';
  if (arch !== 'x64' && arch !== 'arm64') throw new Error(`--arch is x64 or arm64, not ${arch}`);
  const all = Object.keys(NAMES) as ArtifactTarget[];
  const targets = (value('only')?.split(',') ?? all) as ArtifactTarget[];
  const unknown = targets.filter((target) => !all.includes(target));
  if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')}; artifacts: ${all.join(', ')}`);
  const out = resolve(value('out') ?? join(ROOT, 'artifacts'));
  return { out, arch, sourcemap: argv.includes('--sourcemap'), smoke: !argv.includes('--no-smoke'), targets };
}

/** Throws with every problem the file list and its native binaries have. */
function check(
  target: ArtifactTarget,
  files: ArtifactFile[],
  head: (path: string) => Buffer,
  expect: Expect,
) {
  const problems = [...audit(files, expect), ...auditBinaries(files, head, expect.arch)];
  if (problems.length) throw new Error(`${target}: ${problems.length} problems\n  ${problems.join('\n  ')}`);
  const present = expect.nodeModules ? `entry, models and linux/${expect.arch} binaries` : 'entry and models';
  console.log(`  ${files.length} files, runtime files only; ${present} present`);
}

function checkZip(target: ArtifactTarget, zipFile: string, expect: Expect): AdmZip {
  const zip = new AdmZip(zipFile);
  check(
    target,
    zipFiles(zipFile),
    (path) => zip.getEntry(path)?.getData().subarray(0, 64) ?? Buffer.alloc(0),
    expect,
  );
  return zip;
}

function readHead(file: string): Buffer {
  const buffer = Buffer.alloc(64);
  const fd = openSync(file, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, 64, 0));
  } finally {
    closeSync(fd);
  }
}

/** Cloud Build's npm must not fetch CUDA, and must install exactly the versions the project tested. */
function checkGcpSettings(zip: AdmZip) {
  const npmrc = zip.readAsText('.npmrc');
  if (!/^onnxruntime-node-install=skip$/m.test(npmrc))
    throw new Error('gcp source: .npmrc does not skip the CUDA download');
  const lock = JSON.parse(zip.readAsText('package-lock.json'));
  const manifest = JSON.parse(zip.readAsText('package.json'));
  for (const [name, version] of Object.entries<string>(manifest.dependencies))
    if (lock.packages?.[`node_modules/${name}`]?.version !== version)
      throw new Error(`gcp source: package-lock.json does not lock ${name}@${version}`);
  console.log('  .npmrc skips the CUDA download; package-lock.json locks the pinned versions');
}

/** A smoke-test step: what it found prints inside the step, before its time. */
const smokeStep = <T extends { lines: string[] }>(title: string, run: () => Promise<T>) =>
  step(title, async () => {
    const result = await run();
    for (const line of result.lines) console.log(`  ${line}`);
    return result;
  });

const withStage = <T>(run: (dir: string) => Promise<T>) => inTempDir('modelfn-stage-', run);

interface Build {
  /** Where the artifact goes. */
  path: string;
  arch: Arch;
  sourcemap: boolean;
  /** Smoke tests asked for; `runsHere`: this machine runs linux/`arch` code (Google's source runs anywhere). */
  smoke: boolean;
  runsHere: boolean;
}

async function awsLambda({ path: zip, arch, sourcemap, smoke, runsHere }: Build): Promise<SizeRow> {
  await step('aws-lambda: serverless package (serverless-esbuild, then the pruner)', () =>
    withStage(async (dir) => {
      // serverless-esbuild 1.57.2 leaves the copy it zips in the temp folder: make that one ours.
      const tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      await runCommand(join(ROOT, 'node_modules/.bin/serverless'), ['package', '--package', dir], {
        cwd: ROOT,
        env: {
          ...process.env,
          TMPDIR: tmp,
          MODELFN_ARCH: arch === 'arm64' ? 'arm64' : 'x86_64',
          MODELFN_SOURCEMAP: String(sourcemap),
          // Not .esbuild/, which serverless-offline may be serving from.
          MODELFN_ESBUILD_WORK: '.esbuild-package',
        },
        timeoutMs: 300_000,
      });
      copyFileSync(join(dir, 'modelfn.zip'), zip);
    }),
  );
  await step('aws-lambda: contents', () => {
    const required = ['functions/handler.js'];
    checkZip('aws-lambda', zip, { arch, modelsAt: 'models/', required, nodeModules: true, sourcemap });
  });
  if (smoke && runsHere)
    await smokeStep('aws-lambda: smoke test (the handler in a fresh node)', () => smokeLambda(zip));
  return measureZip('aws-lambda', arch, zip);
}

async function azureFunctions({ path: zip, arch, sourcemap, smoke, runsHere }: Build): Promise<SizeRow> {
  await step('azure-functions: stage, npm install --omit=dev, prune, zip', () =>
    withStage(async (dir) => {
      await stageAzure(dir, { arch, sourcemap });
      zipFolder(dir, zip);
    }),
  );
  await step('azure-functions: contents', () => {
    const required = ['host.json', 'package.json', 'dist/functions.js'];
    checkZip('azure-functions', zip, {
      arch,
      modelsAt: 'dist/models/',
      required,
      nodeModules: true,
      sourcemap,
    });
  });
  if (smoke && runsHere)
    await smokeStep('azure-functions: smoke test (the local host on the unpacked app)', () =>
      smokeAzure(zip),
    );
  return measureZip('azure-functions', arch, zip);
}

async function gcpFunctions({ path: zip, arch, sourcemap, smoke }: Build): Promise<SizeRow> {
  await step('gcp-functions: stage source, lock file, zip', () =>
    withStage(async (dir) => {
      await stageGcp(dir, { sourcemap });
      zipFolder(dir, zip);
    }),
  );
  await step('gcp-functions: contents', () => {
    const required = ['index.js', 'package.json', 'package-lock.json', '.npmrc'];
    const expect = { arch, modelsAt: 'models/', required, nodeModules: false, sourcemap };
    checkGcpSettings(checkZip('gcp-functions', zip, expect));
  });
  // Source only, whatever --arch says: Cloud Build installs the dependencies, which the smoke test
  // installs the same way here to measure them.
  if (!smoke)
    return measureZip('gcp-functions', 'any', zip, {
      unzippedCounts: 'the source only; the smoke test measures what `npm ci` adds',
    });
  const title = 'gcp-functions: smoke test (npm ci as Cloud Build, functions-framework)';
  const { installedBytes } = await smokeStep(title, () => smokeGcp(zip));
  return measureZip('gcp-functions', 'any', zip, {
    unzippedBytes: installedBytes,
    unzippedCounts: 'source + node_modules as `npm ci` installs them (what gen1 counts)',
  });
}

async function container({
  path: context,
  arch,
  sourcemap,
  smoke,
  runsHere,
}: Build): Promise<SizeRow | undefined> {
  if (arch !== 'x64') {
    console.log('! container: the Dockerfile builds linux/x64 only; skipped');
    return undefined;
  }
  await step('container: build context (server bundle, models, package.json + lock, Dockerfile)', () =>
    stageContainer(context, { sourcemap }),
  );
  const files = folderFiles(context);
  await step('container: contents', () => {
    const required = [
      'dist/main.js',
      'package.json',
      'package-lock.json',
      '.npmrc',
      'prune.js',
      'Dockerfile',
    ];
    const expect = { arch, modelsAt: 'models/', required, nodeModules: false, sourcemap };
    check('container', files, (path) => readHead(join(context, path)), expect);
  });
  const measured = { files, zippedBytes: zipFolder(context).length };
  if (!(smoke && runsHere))
    return sizeRow('container', arch, context, {
      ...measured,
      unzippedCounts: 'the context only; the smoke test measures the installed app',
    });
  const title = 'container: smoke test (the Dockerfile RUN, CMD and HEALTHCHECK, without Docker)';
  const { appBytes } = await smokeStep(title, () => smokeContainer(context));
  return sizeRow('container', arch, context, {
    ...measured,
    unzippedBytes: appBytes,
    unzippedCounts: 'context + production node_modules (the image /app)',
  });
}

const BUILDS: Record<ArtifactTarget, (build: Build) => Promise<SizeRow | undefined>> = {
  'aws-lambda': awsLambda,
  'azure-functions': azureFunctions,
  'gcp-functions': gcpFunctions,
  container,
};

async function main() {
  const started = performance.now();
  const options = parseArgs(process.argv.slice(2));
  const budgets = readBudgets(process.env, process.argv.slice(2));
  // Native code runs only on its own architecture: elsewhere the artifacts are checked, not run.
  const runsHere = process.platform === 'linux' && process.arch === options.arch;
  if (options.smoke && !runsHere)
    console.log(`! linux/${options.arch} code cannot run here: only the Google source is smoke-tested`);
  mkdirSync(options.out, { recursive: true });
  const rows: SizeRow[] = [];
  for (const target of options.targets) {
    const path = join(options.out, NAMES[target]);
    rmSync(path, { recursive: true, force: true });
    const { arch, sourcemap, smoke } = options;
    const row = await BUILDS[target]({ path, arch, sourcemap, smoke, runsHere });
    if (row) rows.push(row);
  }

  const sizes = join(options.out, 'sizes.json');
  writeFileSync(sizes, `${JSON.stringify(rows, null, 2)}\n`);
  console.log(`\n${formatTable(rows, budgets)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${sizes.startsWith(`${ROOT}/`) ? relative(ROOT, sizes) : sizes} in ${seconds} s`);
  const problems = checkSizes(rows, budgets);
  for (const problem of problems) console.error(`over: ${problem}`);
  process.exit(problems.length ? 1 : 0);
}

main().catch((error) => {
  console.error(`\npackage failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
