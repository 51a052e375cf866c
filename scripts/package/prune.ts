import { existsSync, lstatSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/*
 * Prunes a production node_modules (npm install --omit=dev) down to what runs. Node builtins only: the
 * container build runs it as one bundled file (dist/prune/prune.js), serverless.yml through tsx.
 */

export type Arch = 'x64' | 'arm64';

interface Rule {
  /** Dependencies needed only to install the package, never when it runs. */
  installOnly: string[];
  /** Install-time folders and sources inside the package. */
  paths: string[];
  /** The folder of prebuilt binaries laid out `<abi>/<platform>/<arch>/`: only linux/<arch> stays. */
  binaries?: string;
}

/**
 * onnxruntime-node's dist/ requires onnxruntime-common and its own binding alone; adm-zip and
 * global-agent serve script/install.js (the CUDA download), lib/ is its TypeScript source.
 * test/package/prune.test.ts reads dist/ to keep this true on upgrades.
 */
export const RULES: Record<string, Rule> = {
  'onnxruntime-node': { installOnly: ['adm-zip', 'global-agent'], paths: ['script', 'lib'], binaries: 'bin' },
};

// Never loaded by Node at run time: TypeScript sources and declarations, source maps.
const NOT_RUNTIME = /\.([cm]?ts|map)$/;

interface Package {
  name: string;
  dir: string;
  json: { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Every package folder under `modules` (a node_modules), scoped and nested ones included. */
function installedPackages(modules: string): string[] {
  if (!existsSync(modules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@')
      ? readdirSync(join(modules, entry)).map((child) => join(modules, entry, child))
      : [join(modules, entry)];
    for (const dir of dirs) found.push(dir, ...installedPackages(join(dir, 'node_modules')));
  }
  return found;
}

/** Where Node would find `name` from inside `from`: the nearest node_modules up to the app folder. */
function resolvePackage(name: string, from: string, app: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === app || dirname(dir) === dir) return undefined;
  }
}

/** The packages the app's dependencies need at run time, following each package's own dependencies. */
function runtimeClosure(app: string): Package[] {
  const kept = new Map<string, Package>();
  const visit = (name: string, from: string, optional: boolean) => {
    const dir = resolvePackage(name, from, app);
    if (!dir) {
      if (optional) return; // not for this platform
      throw new Error(`${name} (needed by ${relative(app, from) || 'the app'}) is not installed`);
    }
    if (kept.has(dir)) return;
    const pkg: Package = { name, dir, json: readJson(join(dir, 'package.json')) };
    kept.set(dir, pkg);
    const skip = RULES[name]?.installOnly ?? [];
    for (const dep of Object.keys(pkg.json.dependencies ?? {}))
      if (!skip.includes(dep)) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.json.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of Object.keys(readJson(join(app, 'package.json')).dependencies ?? {}))
    visit(name, app, false);
  return [...kept.values()];
}

function sizeOf(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, entry) => total + sizeOf(join(path, entry)), 0);
}

function remove(path: string, removed: string[], root: string): number {
  if (!existsSync(path)) return 0;
  const bytes = sizeOf(path);
  rmSync(path, { recursive: true, force: true });
  removed.push(relative(root, path));
  return bytes;
}

/** Files below `dir` whose name matches `pattern`. */
function filesMatching(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesMatching(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });
}

/** Drops .bin links to removed packages and the scope folders left empty (zip tools choke on the links). */
function removeDanglingLinks(modules: string): void {
  if (!existsSync(modules)) return;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    const path = join(modules, entry.name);
    if (entry.isSymbolicLink() && !existsSync(path)) rmSync(path);
    else if (entry.isDirectory() && (entry.name === '.bin' || entry.name.startsWith('@'))) {
      removeDanglingLinks(path);
      if (readdirSync(path).length === 0) rmdirSync(path);
    } else if (entry.isDirectory()) removeDanglingLinks(join(path, 'node_modules'));
  }
}

export interface PruneResult {
  /** Paths removed, relative to the app folder. */
  removed: string[];
  bytes: number;
}

/**
 * Leaves in `app`/node_modules only the packages its package.json dependencies need at run time, of
 * onnxruntime-node only the linux/`arch` binaries, and no TypeScript files or source maps.
 */
export function pruneNodeModules(folder: string, options: { arch: Arch }): PruneResult {
  const app = resolve(folder);
  const result: PruneResult = { removed: [], bytes: 0 };
  const modules = join(app, 'node_modules');
  const kept = runtimeClosure(app);
  const keptDirs = new Set(kept.map((pkg) => pkg.dir));
  // Parents come first, so a package nested in a removed one is already gone (a kept package is only
  // ever nested in a kept one: it was found from there).
  for (const dir of installedPackages(modules))
    if (!keptDirs.has(dir)) result.bytes += remove(dir, result.removed, app);
  removeDanglingLinks(modules);
  for (const pkg of kept) {
    const rule = RULES[pkg.name];
    for (const path of rule?.paths ?? []) result.bytes += remove(join(pkg.dir, path), result.removed, app);
    if (rule?.binaries) {
      const bin = join(pkg.dir, rule.binaries);
      for (const abi of existsSync(bin) ? readdirSync(bin) : [])
        for (const platform of readdirSync(join(bin, abi)))
          for (const arch of readdirSync(join(bin, abi, platform)))
            if (platform !== 'linux' || arch !== options.arch)
              result.bytes += remove(join(bin, abi, platform, arch), result.removed, app);
    }
    for (const file of filesMatching(pkg.dir, NOT_RUNTIME)) result.bytes += remove(file, result.removed, app);
  }
  // npm's hidden lockfile would still list what is gone.
  result.bytes += remove(join(modules, '.package-lock.json'), result.removed, app);
  return result;
}

// `prune <app folder> --arch=x64|arm64`
if (require.main === module) {
  const args = process.argv.slice(2);
  const app = args.find((arg) => !arg.startsWith('--')) ?? '.';
  const arch = args.find((arg) => arg.startsWith('--arch='))?.slice('--arch='.length) ?? 'x64';
  if (arch !== 'x64' && arch !== 'arm64') {
    console.error(`--arch must be x64 or arm64, not ${arch}`);
    process.exit(2);
  }
  const { removed, bytes } = pruneNodeModules(app, { arch });
  console.log(`pruned ${removed.length} paths (${(bytes / 1048576).toFixed(1)} MB) from ${app}/node_modules`);
}
