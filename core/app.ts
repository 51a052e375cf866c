import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './errors';
import type { RouteDoc } from './openapi';
import { docsRoutes } from './routes/docs';
import { predictRoutes } from './routes/predict';
import { v1Routes } from './routes/v1';
import { v2Routes } from './routes/v2';
import type { ModelStore } from './store';

/** Answers 405 (with `Allow`) on every known path for the methods it does not serve. */
function methodNotAllowed(app: Hono) {
  const byPath = new Map<string, Set<string>>();
  for (const { path, method } of app.routes) {
    if (method === 'ALL') continue;
    const methods = byPath.get(path) ?? new Set(method === 'GET' ? ['HEAD'] : []);
    byPath.set(path, methods.add(method));
  }
  for (const [path, methods] of byPath) {
    const allow = [...methods].sort().join(', ');
    app.all(path, (c) =>
      c.json({ error: `method ${c.req.method} is not allowed on ${c.req.path}; use ${allow}` }, 405, {
        Allow: allow,
      }),
    );
  }
}

/** The single route table every target serves. */
export function createApp(store: ModelStore): Hono {
  const app = new Hono();
  const docs: RouteDoc[] = [];
  predictRoutes(app, store, docs);
  v1Routes(app, store, docs);
  v2Routes(app, store, docs);
  docsRoutes(app, docs);
  methodNotAllowed(app);
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ error: error.message }, error.status);
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    console.error(error); // a bug: log it, never send its stack or paths to the client
    return c.json({ error: 'internal server error' }, 500);
  });
  return app;
}
