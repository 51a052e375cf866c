import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelFiles } from '../../scripts/build';
import { audit, auditBinaries, type Expect, elfArch } from '../../scripts/package/audit';
import { folderFiles } from '../../scripts/package/files';
import { pruneNodeModules, RULES } from '../../scripts/package/prune';
import { ROOT } from '../helpers/process';

const ORT = join(ROOT, 'node_modules/onnxruntime-node');

/** The packages a folder of CommonJS files require(), builtins and relative paths left out. */
function requiredPackages(dir: string): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    for (const [, spec = ''] of readFileSync(join(dir, file), 'utf8').matchAll(
      /require\(["'`]([^"'`]+)["'`]\)/g,
    )) {
      if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
  }
  return found;
}

describe("onnxruntime-node's run-time needs (what the pruner's rule assumes)", () => {
  const manifest = JSON.parse(readFileSync(join(ORT, 'package.json'), 'utf8'));
  const rule = RULES['onnxruntime-node'];

  it('dist/ requires onnxruntime-common and no install-time dependency', () => {
    const dependencies = Object.keys(manifest.dependencies);
    const runtime = dependencies.filter((dep) => !rule?.installOnly.includes(dep));
    expect([...requiredPackages(join(ORT, 'dist'))].sort()).toEqual(runtime.sort());
    expect(runtime).toEqual(['onnxruntime-common']);
  });

  it('the install-time dependencies are dependencies that script/ (the CUDA download) requires', () => {
    expect(rule?.installOnly.length).toBeGreaterThan(0);
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(rule?.installOnly ?? []));
    expect([...requiredPackages(join(ORT, 'script'))]).toEqual(
      expect.arrayContaining(rule?.installOnly ?? []),
    );
  });

  it('loads its binding from bin/napi-v*/<platform>/<arch>/, the layout the pruner keeps linux/<arch> of', () => {
    const binding = readFileSync(join(ORT, 'dist/binding.js'), 'utf8');
    expect(binding).toMatch(
      /\.\.\/bin\/napi-v\d+\/\$\{process\.platform\}\/\$\{process\.arch\}\/onnxruntime_binding\.node/,
    );
    expect(readdirSync(join(ORT, 'bin/napi-v6/linux')).sort()).toEqual(['arm64', 'x64']);
  });
});

describe('pruneNodeModules', () => {
  let app = '';
  afterEach(() => rmSync(app, { recursive: true, force: true }));

  const write = (path: string, text = 'x') => {
    mkdirSync(dirname(join(app, path)), { recursive: true });
    writeFileSync(join(app, path), text);
  };
  const pkg = (dir: string, name: string, dependencies: Record<string, string> = {}) =>
    write(`${dir}/package.json`, JSON.stringify({ name, version: '1.0.0', dependencies }));

  it('keeps the runtime closure and the target binaries; drops the rest', () => {
    app = mkdtempSync(join(tmpdir(), 'modelfn-prune-'));
    write('package.json', JSON.stringify({ dependencies: { 'onnxruntime-node': '1.30.0', lib: '1.0.0' } }));
    pkg('node_modules/onnxruntime-node', 'onnxruntime-node', {
      'onnxruntime-common': '1.30.0',
      'adm-zip': '0.6.0',
      'global-agent': '4.0.0',
    });
    write('node_modules/onnxruntime-node/dist/index.js');
    write('node_modules/onnxruntime-node/dist/index.js.map');
    write('node_modules/onnxruntime-node/dist/index.d.ts');
    write('node_modules/onnxruntime-node/lib/index.ts');
    write('node_modules/onnxruntime-node/script/install.js');
    for (const target of ['linux/x64', 'linux/arm64', 'darwin/arm64', 'win32/x64'])
      write(`node_modules/onnxruntime-node/bin/napi-v6/${target}/onnxruntime_binding.node`);
    pkg('node_modules/onnxruntime-common', 'onnxruntime-common');
    write('node_modules/onnxruntime-common/dist/cjs/index.js');
    pkg('node_modules/adm-zip', 'adm-zip');
    pkg('node_modules/global-agent', 'global-agent', { semver: '7.0.0' });
    pkg('node_modules/semver', 'semver');
    // A dependency nested under the package that needs it (another version than the top-level one).
    pkg('node_modules/lib', 'lib', { semver: '6.0.0' });
    pkg('node_modules/lib/node_modules/semver', 'semver');
    pkg('node_modules/@scope/unused', '@scope/unused');
    write('node_modules/.package-lock.json', '{}');

    const result = pruneNodeModules(app, { arch: 'x64' });

    expect(
      folderFiles(app)
        .map((file) => file.path)
        .sort(),
    ).toEqual(
      [
        'package.json',
        'node_modules/lib/package.json',
        'node_modules/lib/node_modules/semver/package.json',
        'node_modules/onnxruntime-common/dist/cjs/index.js',
        'node_modules/onnxruntime-common/package.json',
        'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
        'node_modules/onnxruntime-node/dist/index.js',
        'node_modules/onnxruntime-node/package.json',
      ].sort(),
    );
    expect(result.removed).toContain('node_modules/adm-zip');
    expect(result.removed).toContain('node_modules/onnxruntime-node/bin/napi-v6/linux/arm64');
    expect(result.bytes).toBeGreaterThan(0);
  });

  it('keeps the arm64 binaries for --arch=arm64', () => {
    app = mkdtempSync(join(tmpdir(), 'modelfn-prune-'));
    write('package.json', JSON.stringify({ dependencies: { 'onnxruntime-node': '1.30.0' } }));
    pkg('node_modules/onnxruntime-node', 'onnxruntime-node');
    for (const target of ['linux/x64', 'linux/arm64'])
      write(`node_modules/onnxruntime-node/bin/napi-v6/${target}/onnxruntime_binding.node`);
    pruneNodeModules(app, { arch: 'arm64' });
    expect(readdirSync(join(app, 'node_modules/onnxruntime-node/bin/napi-v6/linux'))).toEqual(['arm64']);
  });

  it('fails when a runtime dependency is not installed', () => {
    app = mkdtempSync(join(tmpdir(), 'modelfn-prune-'));
    write('package.json', JSON.stringify({ dependencies: { missing: '1.0.0' } }));
    expect(() => pruneNodeModules(app, { arch: 'x64' })).toThrow(/missing .* is not installed/);
  });
});

describe('audit', () => {
  const models = modelFiles().map((file) => ({ path: `models/${file}`, bytes: 1 }));
  const bin = 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64';
  const good = [
    { path: 'functions/handler.js', bytes: 1 },
    ...models,
    { path: `${bin}/onnxruntime_binding.node`, bytes: 1 },
    { path: `${bin}/libonnxruntime.so.1`, bytes: 1 },
    { path: 'node_modules/onnxruntime-common/dist/cjs/index.js', bytes: 1 },
  ];
  const expectLambda: Expect = {
    arch: 'x64',
    modelsAt: 'models/',
    required: ['functions/handler.js'],
    nodeModules: true,
  };

  it('passes a runtime-only artifact', () => {
    expect(modelFiles()).toContain('banknote/model.onnx');
    expect(audit(good, expectLambda)).toEqual([]);
  });

  it.each([
    ['another platform', 'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.dylib'],
    [
      'another architecture',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/onnxruntime_binding.node',
    ],
    ['CUDA', `${bin}/libonnxruntime_providers_cuda.so`],
    ['a source map', 'functions/handler.js.map'],
    ['a test file', 'node_modules/onnxruntime-common/test/unit.js'],
    ['TypeScript', 'node_modules/onnxruntime-node/lib/index.ts'],
    ['an install-time package', 'node_modules/adm-zip/adm-zip.js'],
  ])('refuses %s', (_, path) => {
    expect(audit([...good, { path, bytes: 1 }], expectLambda)).toHaveLength(1);
  });

  it.each([
    ['the entry', 'functions/handler.js'],
    ['a model', 'models/banknote/model.onnx'],
    ['the native binding', `${bin}/onnxruntime_binding.node`],
  ])('refuses an artifact without %s', (_, path) => {
    expect(
      audit(
        good.filter((file) => file.path !== path),
        expectLambda,
      ),
    ).toEqual([expect.stringMatching(/^missing/)]);
  });

  it('refuses node_modules where the provider installs them', () => {
    const source = [{ path: 'index.js', bytes: 1 }, ...models, { path: 'node_modules/x/index.js', bytes: 1 }];
    expect(audit(source, { ...expectLambda, required: ['index.js'], nodeModules: false })).toHaveLength(1);
  });

  it('reads the architecture of the real binaries from their ELF headers', () => {
    const head = (path: string) => readFileSync(join(ORT, path)).subarray(0, 64);
    const x64 = 'bin/napi-v6/linux/x64/onnxruntime_binding.node';
    const arm64 = 'bin/napi-v6/linux/arm64/onnxruntime_binding.node';
    expect(elfArch(head(x64))).toBe('x64');
    expect(elfArch(head(arm64))).toBe('arm64');
    expect(elfArch(Buffer.from('#!/usr/bin/env node\n'))).toBeUndefined();
    const files = [x64, arm64].map((path) => ({ path, bytes: 1 }));
    expect(auditBinaries(files, head, 'x64')).toEqual([`${arm64} is ELF for arm64, not linux/x64`]);
  });
});
