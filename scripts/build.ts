import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

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

/** The runtime model files only: manifests and ONNX weights, not the scripts that built them. */
export function copyModels(to: string): void {
  const from = join(ROOT, 'models');
  for (const name of readdirSync(from)) {
    if (!existsSync(join(from, name, 'manifest.json'))) continue; // a model is a folder with a manifest
    cpSync(join(from, name), join(to, name), {
      recursive: true,
      filter: (source) => source === join(from, name) || /\/(manifest\.json|[^/]+\.onnx)$/.test(source),
    });
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
