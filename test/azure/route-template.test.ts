import { describe, expect, it } from 'vitest';
import { byPrecedence, compileRoute } from '../../azure/local-host/route-template';

describe('local host route templates (as the Functions host matches them)', () => {
  it('a catch-all under an empty prefix takes every path, root included', () => {
    const route = compileRoute('', '{*path}');
    expect(route.template).toBe('{*path}');
    expect(route.match('/')).toEqual({ path: '' });
    expect(route.match('/predict')).toEqual({ path: 'predict' });
    expect(route.match('/predict/')).toEqual({ path: 'predict' });
    expect(route.match('/v1/models/banknote:predict')).toEqual({ path: 'v1/models/banknote:predict' });
  });

  it('puts routePrefix in front and matches literals case-insensitively', () => {
    const route = compileRoute('api', 'models/{name}/{version?}');
    expect(route.template).toBe('api/models/{name}/{version?}');
    expect(route.match('/API/Models/banknote')).toEqual({ name: 'banknote', version: '' });
    expect(route.match('/api/models/banknote/1')).toEqual({ name: 'banknote', version: '1' });
    expect(route.match('/models/banknote')).toBeUndefined();
    expect(route.match('/api/models')).toBeUndefined();
  });

  it('without a prefix, /api is just another path segment', () => {
    expect(compileRoute('', 'predict').match('/api/predict')).toBeUndefined();
    expect(compileRoute('api', 'predict').match('/predict')).toBeUndefined();
  });

  it('tries literal segments before parameters before catch-alls', () => {
    const routes = ['{*path}', 'models/{name}', 'models/list'].map((r) => compileRoute('', r));
    expect(routes.sort(byPrecedence).map((r) => r.template)).toEqual([
      'models/list',
      'models/{name}',
      '{*path}',
    ]);
  });

  it('refuses what it cannot match like the host (constraints, defaults, mixed segments)', () => {
    for (const route of ['{id:int}', '{id=1}', 'file.{ext}', '{*path}/more', '{a?}/b']) {
      expect(() => compileRoute('', route)).toThrow(/does not support/);
    }
  });
});
