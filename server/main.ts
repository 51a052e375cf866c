import { serve } from '@hono/node-server';
import { app } from '../core/runtime';

// The standalone (container) target: the core app on a plain Node HTTP server.
const port = Number(process.env.PORT ?? 8080);
// Loopback unless told otherwise: a container sets HOST=0.0.0.0 (see the Dockerfile).
const hostname = process.env.HOST ?? '127.0.0.1';

app.then(
  (core) => {
    const server = serve({ fetch: core.fetch, port, hostname }, () => {
      const base = `http://${hostname === '0.0.0.0' || hostname === '127.0.0.1' ? 'localhost' : hostname}:${port}`;
      console.log(`modelfn serving ${base}`);
      console.log(`  POST ${base}/predict   GET ${base}/v1/models   GET ${base}/v2/health/ready`);
      console.log(`  docs ${base}/docs   OpenAPI ${base}/openapi.json`);
    });
    // Finish in-flight requests, then exit: containers send SIGTERM before SIGKILL.
    const stop = () => server.close(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (error) => {
    console.error(`modelfn failed to start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
