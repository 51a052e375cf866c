import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../helpers/process';
import { serve } from '../helpers/serve';

// Its answers to every route are in the parity suite; here, what the host itself says.
describe('Azure Functions local host (npm run serve:azure)', () => {
  let host: Started;

  beforeAll(async () => {
    host = await serve('serve:azure');
  });
  afterAll(() => host?.stop());

  it('lists the catch-all function with all methods and its auth level, as func start does', () => {
    expect(host.output()).toMatch(
      /modelfn: \[GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS,TRACE,CONNECT\] http:\/\/127\.0\.0\.1:\d+\/\{\*path\} \(authLevel function\)/,
    );
  });
});
