import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE } from '../helpers/banknote';
import { groupGone, type Started } from '../helpers/process';
import { serve } from '../helpers/serve';

// Its answers to every route are in the parity suite; here, what the host itself says.
describe('Azure Functions local host (npm run serve:azure)', () => {
  let host: Started;

  beforeAll(async () => {
    host = await serve('serve:azure');
  });
  afterAll(() => host?.stop());

  it('lists the catch-all function with its methods and auth level, as func start does', () => {
    expect(host.output()).toMatch(
      /modelfn: \[GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS\] http:\/\/127\.0\.0\.1:\d+\/\{\*path\} \(authLevel function\)/,
    );
  });

  // fetch cannot send TRACE either: a raw request. Unregistered, it never reaches the function.
  it('answers TRACE with its own empty 404, not a failed invocation', async () => {
    const answer = await new Promise<{ status?: number; body: string }>((ok, fail) => {
      const sent = request(`${host.url}/predict`, { method: 'TRACE' }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => ok({ status: response.statusCode, body }));
      });
      sent.on('error', fail).end();
    });
    expect(answer).toEqual({ status: 404, body: '' });
  });
});

describe('Azure Functions local host on SIGTERM', () => {
  it('answers the request in flight, then exits without waiting out keep-alive', async () => {
    const host = await serve('serve:azure');
    try {
      const body = JSON.stringify(SAMPLE);
      let finish = () => {};
      const answer = new Promise<{ status?: number; body: string }>((ok, fail) => {
        const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
        const sent = request(`${host.url}/predict`, { method: 'POST', headers }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => ok({ status: response.statusCode, body: text }));
        });
        sent.on('error', fail).write(body.slice(0, 10));
        finish = () => sent.end(body.slice(10));
      });
      await sleep(200); // the host has the request
      const pid = host.child.pid as number;
      process.kill(pid, 'SIGTERM');
      // Stopped accepting: a new connection is refused while the first request is still open.
      for (let refused = false; !refused; await sleep(50))
        refused = await fetch(`${host.url}/v2/health/live`).then(
          () => false,
          () => true,
        );
      finish();
      expect(await answer).toEqual({ status: 200, body: '{"prediction":0}' });
      expect(await groupGone(pid, 3_000), 'the host still runs 3 s after its last answer').toBe(true);
    } finally {
      await host.stop();
    }
  });
});
