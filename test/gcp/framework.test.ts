import { once } from 'node:events';
import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../gcp/index';
import { SAMPLE } from '../helpers/banknote';
import { httpAnswer } from '../helpers/core';

/**
 * The framework's testing entry: importing gcp/index registers the function as `modelfn`, and
 * getTestServer builds the Express app the CLI serves around it. (It always answers /favicon.ico and
 * /robots.txt itself, whatever IGNORED_ROUTES says, so the parity suite uses the CLI.)
 */
describe('gcp: modelfn in the Functions Framework testing server', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = getTestServer('modelfn');
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('answers the original sample with {"prediction":0}', async () => {
    const answer = await httpAnswer(base, { method: 'POST', path: '/predict', body: SAMPLE });
    expect(answer).toMatchObject({ status: 200, body: '{"prediction":0}' });
    expect(answer.headers['content-type']).toBe('application/json');
  });
});
