import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTarget, copyModels, ROOT, TARGETS, type Target, type TargetName } from '../build';
import { isolatedEnv, runCommand } from './exec';
import { type Arch, pruneNodeModules } from './prune';

/*
 * Assembles each provider's deploy folder from the bundles: code, models, a package.json whose
 * dependencies are exactly the bundle's externals at the root's pinned versions, and what the provider
 * needs beside them.
 */

// No CUDA download (onnxruntime-node's install script is its only use) and npm's cache first.
export const NPM_FLAGS = [
  '--ignore-scripts',
  '--onnxruntime-node-install=skip',
  '--prefer-offline',
  '--no-audit',
  '--no-fund',
];
const NPM_TIMEOUT_MS = 300_000;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** The packages a bundle leaves to require() at run time, pinned to the root package.json's versions. */
export function runtimeDependencies(name: TargetName): Record<string, string> {
  const root: Record<string, string> = readJson(join(ROOT, 'package.json')).dependencies;
  const target: Target = TARGETS[name];
  const names = target.external.filter((dep) => !target.provided.includes(dep));
  return Object.fromEntries(
    names.map((dep) => {
      const version = root[dep];
      if (!version || !/^\d+\.\d+\.\d+$/.test(version))
        throw new Error(`package.json must pin ${dep} to an exact version, not ${version}`);
      return [dep, version];
    }),
  );
}

const npm = (args: string[], cwd: string) =>
  runCommand('npm', [...args, ...NPM_FLAGS], { cwd, env: isolatedEnv(), timeoutMs: NPM_TIMEOUT_MS });

/**
 * A package.json for a bundle that its provider (Cloud Build, docker build) installs, and its lock file:
 * the bundle's runtime dependencies at the root's versions, plus `fields`.
 */
async function writeManifestAndLock(dir: string, target: TargetName, fields: Record<string, unknown>) {
  writeJson(join(dir, 'package.json'), {
    ...fields,
    version: readJson(join(ROOT, 'package.json')).version,
    private: true,
    engines: { node: '>=20' },
    dependencies: runtimeDependencies(target),
  });
  await npm(['install', '--package-lock-only'], dir);
}

/** The project .npmrc: a provider-side `npm install` must not download CUDA either. */
const copyNpmrc = (dir: string) => copyFileSync(join(ROOT, '.npmrc'), join(dir, '.npmrc'));

/**
 * Azure zip deploy: host.json, package.json (`main` dist/functions.js), the bundle with its models, and
 * the production node_modules, since a zip deploy without a remote build runs the files as they are.
 */
export async function stageAzure(dir: string, options: { arch: Arch; sourcemap: boolean }): Promise<void> {
  await buildTarget('azure', { outfile: join(dir, 'dist/functions.js'), sourcemap: options.sourcemap });
  copyFileSync(join(ROOT, 'azure/host.json'), join(dir, 'host.json'));
  copyNpmrc(dir);
  const manifest = readJson(join(ROOT, 'azure/package.json'));
  writeJson(join(dir, 'package.json'), { ...manifest, dependencies: runtimeDependencies('azure') });
  await npm(['install', '--omit=dev'], dir);
  pruneNodeModules(dir, { arch: options.arch });
}

/**
 * Google Cloud Functions source: index.js, models/, package.json, the lock file and .npmrc. Cloud Build
 * installs the dependencies itself (npm ci, install scripts on), so there is no node_modules/.
 */
export async function stageGcp(dir: string, options: { sourcemap: boolean }): Promise<void> {
  await buildTarget('gcp', { outfile: join(dir, 'index.js'), sourcemap: options.sourcemap });
  copyModels(join(dir, 'models'));
  copyNpmrc(dir);
  await writeManifestAndLock(dir, 'gcp', {
    name: 'modelfn-gcp',
    description: 'modelfn as a Google Cloud Function (target modelfn); built by `npm run package`',
    main: 'index.js',
  });
}

/**
 * The container build context: the server bundle, models, package.json with its lock, the pruner and
 * the Dockerfile that installs the production dependencies and runs the server.
 */
export async function stageContainer(dir: string, options: { sourcemap: boolean }): Promise<void> {
  await buildTarget('server', { outfile: join(dir, 'dist/main.js'), sourcemap: options.sourcemap });
  await buildTarget('prune', { outfile: join(dir, 'prune.js') });
  copyModels(join(dir, 'models'));
  copyNpmrc(dir);
  copyFileSync(join(ROOT, 'server/Dockerfile'), join(dir, 'Dockerfile'));
  writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
  await writeManifestAndLock(dir, 'server', {
    name: 'modelfn-server',
    description: 'modelfn standalone server (container build context); built by `npm run package`',
    main: 'dist/main.js',
    scripts: { start: 'node dist/main.js' },
  });
}
