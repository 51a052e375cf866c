import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { readManifests } from '../core/manifest';

export const ROOT = join(__dirname, '..');

export interface Target {
  entry: string;
  /** Where the bundle goes; everything in its folder is replaced on each build. */
  outfile: string;
  /** Left to require() at run time: onnxruntime-node loads .node binaries, which esbuild cannot bundle. */
  external: string[];
  /** Externals the platform provides, so no package installs them. */
  provided: string[];
  /** Copy the models beside the bundle: the core takes the nearest models/ above the code. */
  copyModels: boolean;
}

/**
 * Every esbuild bundle outside serverless.yml (which builds the Lambda handler with serverless-esbuild).
 * All are CJS for node20. Paths are relative to the repository root.
 */
export const TARGETS = {
  // azure/package.json `main` names dist/functions.js; the Functions worker injects @azure/functions-core.
  azure: {
    entry: 'azure/src/functions.ts',
    outfile: 'azure/dist/functions.js',
    external: ['onnxruntime-node', '@azure/functions-core'],
    provided: ['@azure/functions-core'],
    copyModels: true,
  },
  // `functions-framework --source=dist/gcp` loads it. The framework must stay one shared module:
  // `functions.http` registers into its module-level registry, which the CLI that loads the bundle reads.
  gcp: {
    entry: 'gcp/index.ts',
    outfile: 'dist/gcp/index.js',
    external: ['onnxruntime-node', '@google-cloud/functions-framework'],
    provided: [],
    copyModels: false,
  },
  // The standalone (container) server.
  server: {
    entry: 'server/main.ts',
    outfile: 'dist/server/main.js',
    external: ['onnxruntime-node'],
    provided: [],
    copyModels: false,
  },
  // The Azure local host as one file, for `npm run package` to run an unpacked Azure zip outside the
  // repository (AzureWebJobsScriptRoot names the app); `serve:azure` runs azure/local-host.ts itself.
  'local-host': {
    entry: 'azure/local-host.ts',
    outfile: 'dist/local-host/local-host.js',
    external: [],
    provided: [],
    copyModels: false,
  },
  // The node_modules pruner as one dependency-free file, for the container build (its Dockerfile runs it).
  prune: {
    entry: 'scripts/package/prune.ts',
    outfile: 'dist/prune/prune.js',
    external: [],
    provided: [],
    copyModels: false,
  },
} satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;

/**
 * The runtime model files, relative to models/: for each model (a folder with a manifest.json, read and
 * checked as the core reads it) its manifest and the ONNX file the manifest names, never the scripts that
 * built them. Every artifact ships exactly these; serverless.yml's globs say the same.
 */
export function modelFiles(): string[] {
  return readManifests(join(ROOT, 'models')).flatMap(({ dir, manifest }) => [
    `${basename(dir)}/manifest.json`,
    `${basename(dir)}/${manifest.file}`,
  ]);
}

/** Copies the model files (`modelFiles()`) into `to`, each in its model's folder. */
export function copyModels(to: string): void {
  for (const file of modelFiles()) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(ROOT, 'models', file), join(to, file));
  }
}

/**
 * Bundles one target into a fresh folder; `outfile` (absolute) puts it elsewhere, e.g. into a package's
 * staging folder, which is then the caller's to clean.
 */
export async function buildTarget(
  name: TargetName,
  options: { outfile?: string; sourcemap?: boolean } = {},
): Promise<string> {
  const target: Target = TARGETS[name];
  const outfile = options.outfile ?? join(ROOT, target.outfile);
  if (!options.outfile) rmSync(dirname(outfile), { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, target.entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: target.external,
    sourcemap: options.sourcemap ?? false,
    logLevel: 'warning',
  });
  if (target.copyModels) copyModels(join(dirname(outfile), 'models'));
  return outfile;
}

// `tsx scripts/build.ts [target...]`: the named targets, or all of them.
if (require.main === module) {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in TARGETS));
  if (unknown.length) {
    console.error(`unknown target ${unknown.join(', ')}; targets: ${Object.keys(TARGETS).join(', ')}`);
    process.exit(2);
  }
  const chosen = (names.length ? names : Object.keys(TARGETS)) as TargetName[];
  Promise.all(chosen.map((name) => buildTarget(name)))
    .then((outfiles) => {
      for (const outfile of outfiles) console.log(`built ${relative(ROOT, outfile)}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
