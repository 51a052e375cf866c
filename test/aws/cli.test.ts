import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/banknote';
import { callCore, callHttp } from '../helpers/core';
import { freePort, run, type Started, startProcess } from '../helpers/process';
import { CORPUS } from '../parity/corpus';

// One file, so the CLIs run one after another: they share the .esbuild/ work folder.

// serverless-offline's HTTP server (hapi) adds "; charset=utf-8"; API Gateway passes the type as is.
const mediaType = (contentType: string | null) => contentType?.split(';')[0] ?? null;

describe('serverless offline (npm run serve:aws)', () => {
  let offline: Started;

  beforeAll(async () => {
    const [port, lambdaPort] = [await freePort(), await freePort()];
    offline = await startProcess('npm', ['run', 'serve:aws', '--', '--lambdaPort', String(lambdaPort)], {
      env: { PORT: String(port) },
      ready: /Server ready: http:\/\/127\.0\.0\.1:\d+/,
      url: `http://127.0.0.1:${port}`,
      timeoutMs: 120_000,
    });
  });
  afterAll(() => offline?.stop());

  it.each(CORPUS.map((call) => [call.name, call] as const))('%s', async (_, call) => {
    const [served, core] = await Promise.all([callHttp(offline.url, call), callCore(call)]);
    expect({ ...served, contentType: mediaType(served.contentType) }).toStrictEqual({
      ...core,
      contentType: mediaType(core.contentType),
    });
  });

  it('stops on SIGTERM to npm, taking the whole process group with it', async () => {
    const { child } = offline;
    child.kill('SIGTERM');
    const deadline = Date.now() + 20_000;
    const alive = () => {
      try {
        process.kill(-(child.pid as number), 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive() && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
    expect(alive()).toBe(false);
  });
});

describe('serverless invoke local', () => {
  it('answers the sample direct invoke with {"prediction": 0}', async () => {
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
    const { code, stderr } = await run('npx', ['serverless', 'package', '--package', out], {
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
