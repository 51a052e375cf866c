import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/banknote';
import { run } from '../helpers/process';

// serverless-offline and `invoke local --data` are in the parity suite; here, the sample event file and
// the package.

describe('serverless invoke local', () => {
  it('answers the sample event file functions/events/predict.json with {"prediction": 0}', async () => {
    const { code, stdout, stderr } = await run(
      'npx',
      ['serverless', 'invoke', 'local', '-f', 'api', '--path', 'functions/events/predict.json'],
      { timeoutMs: 120_000 },
    );
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({ prediction: 0 });
  });
});

describe('serverless package', () => {
  const out = mkdtempSync(join(tmpdir(), 'modelfn-aws-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds a zip with the bundle, the models and only the linux/x64 onnxruntime binaries', async () => {
    // serverless-esbuild 1.57.2 leaves a copy of the build in TMPDIR: keep it inside `out`.
    const { code, stderr } = await run('npx', ['serverless', 'package', '--package', out], {
      env: { TMPDIR: out },
      timeoutMs: 240_000,
    });
    expect(code, stderr).toBe(0);
    const names = new AdmZip(join(out, 'modelfn.zip')).getEntries().map((entry) => entry.entryName);
    expect(names).toContain('functions/handler.js');
    expect(names).toContain('models/banknote/model.onnx');
    expect(names).toContain('models/banknote/manifest.json');
    const binaries = names.filter((name) => name.startsWith('node_modules/onnxruntime-node/bin/'));
    expect(binaries.length).toBeGreaterThan(0);
    expect(binaries.every((name) => name.includes('/linux/x64/'))).toBe(true);
  });

  it('the unpacked artifact answers the sample on its own', async () => {
    const dir = join(out, 'unpacked');
    new AdmZip(join(out, 'modelfn.zip')).extractAllTo(dir);
    const script = `require('./functions/handler.js').handler(${JSON.stringify(SAMPLE)}).then((r) => console.log(JSON.stringify(r)))`;
    const { code, stdout, stderr } = await run('node', ['-e', script], { cwd: dir, timeoutMs: 60_000 });
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({ prediction: 0 });
  });
});
