import { describe, expect, it } from 'vitest';
import { installCoreApi } from '../../azure/local-host/core-api';
import { authLevel } from '../../azure/src/auth-level';

describe('Azure app registration through the real @azure/functions library', () => {
  it('registers one catch-all HTTP function for every method a web Request carries, secured by a function key', async () => {
    const core = installCoreApi();
    await import('../../azure/src/functions');

    expect(core.programmingModel()).toMatchObject({ name: '@azure/functions', version: '4.16.5' });
    expect(core.functions.map((f) => f.metadata.name)).toEqual(['modelfn']);
    const bindings = Object.values(core.functions[0]?.metadata.bindings ?? {});
    const trigger = bindings.find((b) => b.type === 'httpTrigger');
    expect(trigger).toMatchObject({ direction: 'in', route: '{*path}', authLevel: 'function' });
    // Not TRACE or CONNECT, which a web Request cannot carry (azure/src/functions.ts).
    expect([...(trigger?.methods ?? [])].sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'POST',
      'PUT',
    ]);
    expect(bindings.find((b) => b.direction === 'out')).toMatchObject({ type: 'http' });
  });
});

describe('MODELFN_AZURE_AUTH_LEVEL', () => {
  it('defaults to function and accepts the three levels the host knows', () => {
    expect(authLevel(undefined)).toBe('function');
    expect(authLevel('')).toBe('function');
    for (const level of ['anonymous', 'function', 'admin']) expect(authLevel(level)).toBe(level);
  });

  it('refuses anything else instead of guessing', () => {
    expect(() => authLevel('public')).toThrow(/one of anonymous, function, admin; got "public"/);
  });
});

describe('azure/package.json', () => {
  it('pins the onnxruntime-node the project is tested with (a remote build installs from it)', async () => {
    const root = await import('../../package.json');
    const app = await import('../../azure/package.json');
    expect(app.dependencies['onnxruntime-node']).toBe(root.dependencies['onnxruntime-node']);
  });
});
