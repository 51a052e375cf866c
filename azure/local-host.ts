/**
 * A stand-in for `func start` where Azure Functions Core Tools cannot be installed: it loads the built
 * app (azure/package.json `main`; AzureWebJobsScriptRoot names another app folder, as for the real host)
 * through the real @azure/functions library, serves every `app.http` registration over HTTP with the
 * routePrefix from host.json, and invokes handlers the way the Node.js worker does. See azure/README.md
 * for what it does not reproduce.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { installCoreApi, type Registration, type RpcHttpData } from './local-host/core-api';
import { invokeHttp } from './local-host/invoke';
import { byPrecedence, type CompiledRoute, compileRoute } from './local-host/route-template';

interface HttpFunction {
  registration: Registration;
  route: CompiledRoute;
  methods: string[];
  authLevel: string;
}

// The app folder: azure/ by default, or an unpacked deployment package, named as the host names it.
const appDir = resolve(process.env.AzureWebJobsScriptRoot ?? __dirname);
const readJson = (file: string) => JSON.parse(readFileSync(join(appDir, file), 'utf8'));
// The host's default prefix is "api"; host.json may set another, or "" for none.
const routePrefix: string = readJson('host.json').extensions?.http?.routePrefix ?? 'api';
const main: string = readJson('package.json').main;
if (/[*?[{]/.test(main))
  throw new Error(`${join(appDir, 'package.json')} main "${main}": the local host loads one file, no glob`);

const core = installCoreApi();
require(join(appDir, main));
const model = core.programmingModel();

const functions: HttpFunction[] = core.functions
  .map((registration) => {
    const trigger = Object.values(registration.metadata.bindings).find((b) => b.type === 'httpTrigger');
    if (!trigger) throw new Error(`function "${registration.metadata.name}": only HTTP triggers run locally`);
    return {
      registration,
      route: compileRoute(routePrefix, trigger.route ?? registration.metadata.name),
      methods: (trigger.methods ?? []).map((method) => method.toUpperCase()),
      authLevel: trigger.authLevel ?? 'anonymous',
    };
  })
  .sort((a, b) => byPrecedence(a.route, b.route));

/** The first function whose route and methods both match; the host answers anything else with a 404. */
function find(method: string, pathname: string) {
  for (const fn of functions) {
    const params = fn.methods.includes(method) ? fn.route.match(pathname) : undefined;
    if (params) return { fn, params };
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(request: IncomingMessage, response: ServerResponse, base: string) {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? base}`);
  const method = (request.method ?? 'GET').toUpperCase();
  const body = await readBody(request);
  const found = find(method, url.pathname);
  if (!found) {
    response.writeHead(404).end();
    return;
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
  const http: RpcHttpData = { method, url: url.href, headers, params: found.params, body: { bytes: body } };
  const result = await invokeHttp(model, found.fn.registration, http);
  if (!result) throw new Error(`function "${found.fn.registration.metadata.name}" returned no HTTP response`);
  if (result.cookies?.length) throw new Error('the local host does not send HttpResponseInit.cookies');
  // Headers set one by one (not writeHead) so Node still adds Content-Length, as the host does.
  response.statusCode = Number(result.statusCode ?? 200);
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  response.end(result.body?.bytes ?? result.body?.string ?? undefined);
}

const port = Number(process.env.PORT ?? 7071);
const base = `http://127.0.0.1:${port}`;
const server = createServer((request, response) => {
  // Once stopping, a connection whose request was in flight closes when answered, not a keep-alive later.
  response.once('finish', () => {
    if (!server.listening) setImmediate(() => server.closeIdleConnections());
  });
  serve(request, response, base).catch((error) => {
    // A failed invocation is an empty 500 from the host, never the error text.
    console.error(`[${new Date().toISOString()}] invocation failed:`, error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log('\nFunctions:\n');
  for (const fn of functions) {
    const name = fn.registration.metadata.name;
    console.log(
      `\t${name}: [${fn.methods.join(',')}] ${base}/${fn.route.template} (authLevel ${fn.authLevel})`,
    );
  }
  console.log(`\nAzure Functions local host listening on ${base} (function keys are not enforced locally)`);
});

// Stop accepting, let in-flight requests finish (close() also ends idle keep-alive sockets, Node >= 19),
// and cut whatever is still open after a grace period.
const GRACE_MS = 5_000;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => server.closeAllConnections(), GRACE_MS).unref();
  });
}
