import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/banknote';
import { type Call, coreAnswer, httpAnswer } from '../helpers/core';
import type { Started } from '../helpers/process';
import { serve } from '../helpers/serve';

/**
 * Bodies the framework's own parsers would have rejected with Express's HTML error page: gcp/raw-body.ts
 * switches those parsers off, so the core answers them (malformed JSON, a bare number, a non-UTF charset,
 * gzip: all in the parity corpus). Only an encoding its last (raw) parser cannot read is still the
 * framework's answer.
 */
describe('gcp: bodies the Functions Framework would parse itself (npm run serve:gcp)', () => {
  let started: Started;

  beforeAll(async () => {
    started = await serve('serve:gcp');
  });
  afterAll(() => started?.stop());

  it('an encoding the framework cannot read: its own 415 page, where the core answers JSON', async () => {
    const call: Call = {
      method: 'POST',
      path: '/predict',
      body: JSON.stringify(SAMPLE),
      headers: { 'content-encoding': 'compress' },
    };
    const answer = await httpAnswer(started.url, call);
    expect(answer.status).toBe(415);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(await coreAnswer(call)).toMatchObject({
      status: 415,
      headers: { 'content-type': 'application/json' },
    });
  });
});
