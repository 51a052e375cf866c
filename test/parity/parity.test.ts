import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/banknote';
import { callCore, compared, coreAnswer } from '../helpers/core';
import { groupGone, run, type Started } from '../helpers/process';
import { CORPUS } from './corpus';
import { type Running, TARGETS, type Target } from './targets';

// All targets start at once (serverless-offline alone takes ~10 s); a failed start fails only its own tests.
const started = new Map<string, Promise<Running>>();

beforeAll(async () => {
  for (const target of TARGETS) started.set(target.name, target.start());
  await Promise.allSettled(started.values());
});

afterAll(async () => {
  await Promise.allSettled([...started.values()].map(async (running) => (await running).stop()));
});

it('the reference: the core answers the original sample with {"prediction":0}', async () => {
  expect(await callCore({ method: 'POST', path: '/predict', body: SAMPLE })).toEqual({
    status: 200,
    contentType: 'application/json',
    body: '{"prediction":0}',
  });
});

const named = <T extends { name: string }>(items: T[]) => items.map((item) => [item.name, item] as const);

describe.each(named(TARGETS))('%s answers as the core', (_, target) => {
  it.each(named(CORPUS))('%s', async (_, call) => {
    const running = await (started.get(target.name) as Promise<Running>);
    const [answer, reference] = await Promise.all([running.send(call), coreAnswer(call)]);
    const { actual, expected } = compared(answer, reference, target.comparison);
    expect(actual, `${target.name} / ${call.name}`).toEqual(expected);
  });
});

describe('shutdown', () => {
  async function stopsOnSigtermToNpm(target: Target, timeoutMs: number) {
    const npm = (await (started.get(target.name) as Promise<Running>)).process as Started;
    const pid = npm.child.pid as number;
    process.kill(pid, 'SIGTERM');
    expect(await groupGone(pid, timeoutMs), `${target.name}: processes of group ${pid} left`).toBe(true);
    await expect(fetch(`${npm.url}/v2/health/live`)).rejects.toThrow();
  }

  it.concurrent.each(named(TARGETS.filter((target) => target.npm)))(
    '%s stops on SIGTERM to npm alone, leaving none of its processes',
    (_, target) => stopsOnSigtermToNpm(target, 10_000),
  );
});

// Direct invoke through the CLI, ~5 s a call: a few cases. It prints the body the core answers on /predict.
describe('serverless invoke local', () => {
  const cases = CORPUS.filter((call) =>
    ['predict: original sample', 'predict: batch of two', 'predict: string for a number'].includes(call.name),
  );

  it.each(named(cases))('%s', async (_, call) => {
    const { code, stdout, stderr } = await run(
      'npx',
      ['serverless', 'invoke', 'local', '-f', 'api', '--data', JSON.stringify(call.body)],
      { timeoutMs: 60_000 },
    );
    expect(code, stderr).toBe(0);
    const reference = await coreAnswer(call);
    expect(JSON.parse(stdout), `serverless invoke local / ${call.name}`).toEqual(JSON.parse(reference.body));
  });
});
