import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Started, startProcess } from '../helpers/process';
import { type Case, expectSameAnswer, ORIGINAL, PARITY, viaCore, viaHttp } from './cases';

const serve = async () => {
  const port = await freePort();
  return startProcess('npm', ['run', 'serve:gcp'], {
    env: { PORT: String(port) },
    ready: /serving http:\/\/localhost:\d+/,
    url: `http://localhost:${port}`,
    timeoutMs: 120_000,
  });
};

const sample = ORIGINAL.body as string;

// The real `functions-framework` CLI (what Cloud Functions runs) over the esbuild bundle, via `npm run serve:gcp`.
describe('gcp: npm run serve:gcp (functions-framework CLI over dist/gcp)', () => {
  let started: Started;

  beforeAll(async () => {
    started = await serve();
  });
  afterAll(() => started?.stop());

  it('answers the original sample with {"prediction":0}', async () => {
    const answer = await viaHttp(started.url, ORIGINAL);
    expect(answer).toMatchObject({ status: 200, body: '{"prediction":0}' });
    expect(answer.headers['content-type']).toBe('application/json');
  });

  it.each(PARITY.map((c) => [c.name, c] as const))('%s: as the core answers', async (_, c) => {
    expectSameAnswer(await viaHttp(started.url, c), await viaCore(c));
  });

  it('lets the core answer /favicon.ico (IGNORED_ROUTES is empty, as deployed)', async () => {
    const c: Case = { name: 'favicon', method: 'GET', path: '/favicon.ico' };
    expectSameAnswer(await viaHttp(started.url, c), await viaCore(c));
  });
});

/**
 * Bodies the framework's own parsers would have rejected with Express's HTML error page: gcp/raw-body.ts
 * switches those parsers off, so the core answers them. Only an encoding its last (raw) parser cannot
 * read is still the framework's answer.
 */
describe('gcp: bodies the Functions Framework would parse itself', () => {
  let started: Started;

  beforeAll(async () => {
    started = await serve();
  });
  afterAll(() => started?.stop());

  const json = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Case => ({
    name: '',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

  it.each([
    ['malformed JSON', json('{"variance": 1,')],
    ['a JSON number', json('1')],
    ['a non-UTF charset', json(sample, { 'content-type': 'application/json; charset=iso-8859-1' })],
    ['a gzip body', json(gzipSync(sample), { 'content-encoding': 'gzip' })],
  ])('%s: answered by the core', async (_, c) => {
    const answer = await viaHttp(started.url, c);
    expectSameAnswer(answer, await viaCore(c));
    expect(answer.headers['content-type']).toBe('application/json');
  });

  it('an encoding the framework cannot read: its own 415 page', async () => {
    const c = json(sample, { 'content-encoding': 'compress' });
    const answer = await viaHttp(started.url, c);
    expect(answer.status).toBe(415);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await viaCore(c)).status).toBe(415);
  });
});

describe('gcp: serve:gcp shutdown', () => {
  it('stops the framework when only npm gets SIGTERM', async () => {
    const started = await serve();
    try {
      const pid = started.child.pid as number;
      process.kill(pid, 'SIGTERM');
      await new Promise((ok) => started.child.once('exit', ok));
      // Nothing of the process group (tsx, node, functions-framework) outlives npm for long.
      const alive = () => {
        try {
          process.kill(-pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 50 && alive(); i++) await new Promise((ok) => setTimeout(ok, 100));
      expect(alive()).toBe(false);
      await expect(fetch(`${started.url}/v2/health/live`)).rejects.toThrow();
    } finally {
      await started.stop();
    }
  });
});
