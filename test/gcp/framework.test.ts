import { once } from 'node:events';
import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../gcp/index';
import { expectSameAnswer, ORIGINAL, PARITY, viaCore, viaHttp } from './cases';

// In process: the framework's own test server (the Express app the CLI builds) over the registered function.
describe('gcp: modelfn in the Functions Framework test server', () => {
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
    const answer = await viaHttp(base, ORIGINAL);
    expect(answer).toMatchObject({ status: 200, body: '{"prediction":0}' });
    expect(answer.headers['content-type']).toBe('application/json');
  });

  it.each(PARITY.map((c) => [c.name, c] as const))('%s: as the core answers', async (_, c) => {
    expectSameAnswer(await viaHttp(base, c), await viaCore(c));
  });
});
