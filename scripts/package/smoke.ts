import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTarget, ROOT } from '../build';
import { instructions } from './dockerfile';
import { freePort, inTempDir, isolatedEnv, runCommand, type Server, startServer } from './exec';
import { folderFiles, totalBytes, unzip } from './files';

/*
 * Each artifact runs the way its provider runs it: unpacked into an empty folder outside the repository,
 * started by a fresh `node` that cannot see the repository's node_modules, and asked for the original
 * sample and one V2 inference. The answers must be the core's own, byte for byte.
 */

// The original sample: the direct-invoke event is the request body itself.
const SAMPLE: Record<string, number> = JSON.parse(
  readFileSync(join(ROOT, 'functions/events/predict.json'), 'utf8'),
);
const PROBES = [
  { name: 'POST /predict', path: '/predict', body: JSON.stringify(SAMPLE) },
  {
    name: 'POST /v2/models/banknote/infer',
    path: '/v2/models/banknote/infer',
    body: JSON.stringify({
      inputs: [{ name: 'features', shape: [1, 4], datatype: 'FP64', data: Object.values(SAMPLE) }],
    }),
  },
];
type Probe = (typeof PROBES)[number];
const START_TIMEOUT_MS = 60_000;

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

/** What the core answers in process: the reference every artifact must match. */
async function expected(probe: Probe): Promise<Answer> {
  const { app } = await import('../../core/runtime');
  const response = await (await app).fetch(
    new Request(`http://core${probe.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: probe.body,
    }),
  );
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

/** Throws unless `answer` is the core's; returns the line to report. */
async function check(label: string, probe: Probe, answer: Answer): Promise<string> {
  const want = await expected(probe);
  if (probe.path === '/predict' && want.body !== '{"prediction":0}')
    throw new Error(`the core itself answers the sample with ${want.body}`);
  if (answer.status !== want.status || answer.contentType !== want.contentType || answer.body !== want.body)
    throw new Error(`${label}: got ${JSON.stringify(answer)}, the core answers ${JSON.stringify(want)}`);
  return `${label} → ${answer.status} ${answer.body.length > 90 ? `${answer.body.slice(0, 90)}…` : answer.body}`;
}

async function viaHttp(base: string, probe: Probe): Promise<Answer> {
  const response = await fetch(`${base}${probe.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: probe.body,
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

/**
 * An isolated environment for an npm that reads the project's own .npmrc only, as a provider's build does:
 * this machine's user and global npmrc are swapped for empty files in `dir` (npm refuses one file as both).
 */
function projectNpmrcOnly(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const user = join(dir, 'empty-user-npmrc');
  const global = join(dir, 'empty-global-npmrc');
  writeFileSync(user, '');
  writeFileSync(global, '');
  return isolatedEnv({ npm_config_userconfig: user, npm_config_globalconfig: global, ...extra });
}

/** A fresh folder outside the repository, removed after `run`. */
const outsideRepo = <T>(name: string, run: (dir: string) => Promise<T>) =>
  inTempDir(`modelfn-smoke-${name}-`, async (dir) => {
    if (dir.startsWith(ROOT)) throw new Error(`${dir} is inside the repository`);
    return run(dir);
  });

/**
 * Proves that code in `dir` resolves onnxruntime-node from the artifact's own `app`/node_modules and that
 * nothing of the repository's node_modules is in reach: its development packages do not resolve.
 */
async function proveIsolation(dir: string, app: string): Promise<string> {
  const script = `const r = (n) => { try { return require.resolve(n); } catch { return null; } };
console.log(JSON.stringify({ paths: require.resolve.paths('x'), ort: r('onnxruntime-node'), tsx: r('tsx'), vitest: r('vitest') }));`;
  const found = JSON.parse(
    await runCommand(process.execPath, ['-e', script], { cwd: dir, env: isolatedEnv(), timeoutMs: 30_000 }),
  );
  const leaks = [...found.paths, found.tsx, found.vitest].filter((path) => path?.startsWith(ROOT));
  if (leaks.length || found.tsx || found.vitest)
    throw new Error(`not isolated from the repository: ${JSON.stringify(found)}`);
  if (!found.ort?.startsWith(`${app}/node_modules/`))
    throw new Error(`onnxruntime-node resolves to ${found.ort}, not the artifact's own`);
  return `isolated: resolve paths ${found.paths.length} (none in the repo), onnxruntime-node from ${found.ort}`;
}

/** Serves `probes` (and `more`) through a server process and stops it, whatever happens. */
async function probeServer(
  label: string,
  start: () => Promise<Server>,
  port: number,
  more?: () => Promise<string>,
): Promise<string[]> {
  const server = await start();
  try {
    const lines: string[] = [];
    for (const probe of PROBES)
      lines.push(
        await check(`${label} ${probe.name}`, probe, await viaHttp(`http://127.0.0.1:${port}`, probe)),
      );
    if (more) lines.push(await more());
    return lines;
  } finally {
    await server.stop();
  }
}

// Calls the handler as the Lambda Node.js runtime does (handler(event, context) in the task root) and
// prints each result: one JSON line.
const LAMBDA_RUNNER = `const [file, name, eventsFile] = process.argv.slice(2);
const handler = require(file)[name];
const events = require(eventsFile);
(async () => {
  const results = {};
  for (const [key, event] of Object.entries(events)) results[key] = await handler(event, { awsRequestId: 'smoke' });
  console.log(JSON.stringify(results));
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });`;

/** The handler serverless.yml deploys, e.g. functions/handler.handler → [functions/handler.js, handler]. */
function lambdaHandler(): [string, string] {
  const match = readFileSync(join(ROOT, 'serverless.yml'), 'utf8').match(/^\s+handler:\s*(\S+)\.(\w+)\s*$/m);
  if (!match?.[1] || !match[2]) throw new Error('serverless.yml names no handler');
  return [`${match[1]}.js`, match[2]];
}

/** The Lambda zip: the handler with API Gateway HTTP API (2.0) and REST (1.0) events and a direct invoke. */
export function smokeLambda(zip: string): Promise<{ lines: string[] }> {
  return outsideRepo('aws', async (dir) => {
    const task = join(dir, 'task');
    unzip(zip, task);
    const [file, name] = lambdaHandler();
    const httpApi = JSON.parse(readFileSync(join(ROOT, 'functions/events/http-api-v2.json'), 'utf8'));
    const [predict, infer] = PROBES as [Probe, Probe];
    const events = {
      'HTTP API 2.0': httpApi,
      'REST API 1.0': JSON.parse(readFileSync(join(ROOT, 'functions/events/rest-api-v1.json'), 'utf8')),
      'HTTP API 2.0 infer': {
        ...httpApi,
        rawPath: infer.path,
        requestContext: {
          ...httpApi.requestContext,
          http: { ...httpApi.requestContext.http, path: infer.path },
        },
        pathParameters: { proxy: infer.path.slice(1) },
        headers: { ...httpApi.headers, 'content-length': String(Buffer.byteLength(infer.body)) },
        body: infer.body,
      },
      'direct invoke': SAMPLE,
    };
    writeFileSync(join(dir, 'events.json'), JSON.stringify(events));
    writeFileSync(join(dir, 'runner.js'), LAMBDA_RUNNER);
    const lines = [await proveIsolation(join(task, file, '..'), task)];
    const output = await runCommand(
      process.execPath,
      [join(dir, 'runner.js'), join(task, file), name, join(dir, 'events.json')],
      { cwd: task, env: isolatedEnv({ LAMBDA_TASK_ROOT: task }), timeoutMs: START_TIMEOUT_MS },
    );
    const results = JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
    const asAnswer = (result: {
      statusCode: number;
      headers?: Record<string, string>;
      multiValueHeaders?: Record<string, string[]>;
      body: string;
      isBase64Encoded?: boolean;
    }): Answer => ({
      status: result.statusCode,
      contentType:
        result.headers?.['content-type'] ?? result.multiValueHeaders?.['content-type']?.[0] ?? null,
      body: result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString() : result.body,
    });
    lines.push(await check('HTTP API 2.0 POST /predict', predict, asAnswer(results['HTTP API 2.0'])));
    lines.push(await check('REST API 1.0 POST /predict', predict, asAnswer(results['REST API 1.0'])));
    lines.push(await check(`HTTP API 2.0 ${infer.name}`, infer, asAnswer(results['HTTP API 2.0 infer'])));
    const direct = JSON.stringify(results['direct invoke']);
    if (direct !== '{"prediction":0}') throw new Error(`direct invoke answered ${direct}`);
    lines.push(`direct invoke (the sample as the event) → ${direct}`);
    return { lines };
  });
}

/** The Azure zip under the project's local host (bundled on its own), as a zip deploy runs it. */
export function smokeAzure(zip: string): Promise<{ lines: string[] }> {
  return outsideRepo('azure', async (dir) => {
    const wwwroot = join(dir, 'wwwroot');
    unzip(zip, wwwroot);
    const host = await buildTarget('local-host', { outfile: join(dir, 'host/local-host.js') });
    const lines = [await proveIsolation(wwwroot, wwwroot)];
    const port = await freePort();
    const start = () =>
      startServer(process.execPath, [host], {
        cwd: wwwroot,
        env: isolatedEnv({ AzureWebJobsScriptRoot: wwwroot, PORT: String(port) }),
        ready: /listening on http/,
        timeoutMs: START_TIMEOUT_MS,
      });
    return { lines: [...lines, ...(await probeServer('local host', start, port))] };
  });
}

/**
 * The Google source archive as Cloud Build treats it: `npm ci` with install scripts on, settings from the
 * archive's own .npmrc only, then the functions-framework it installed. Returns the installed size too.
 */
export function smokeGcp(zip: string): Promise<{ lines: string[]; installedBytes: number }> {
  return outsideRepo('gcp', async (dir) => {
    const source = join(dir, 'source');
    unzip(zip, source);
    await runCommand('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: source,
      env: projectNpmrcOnly(dir),
      timeoutMs: 300_000,
    });
    const gpu = folderFiles(join(source, 'node_modules')).filter((file) => /cuda|tensorrt/i.test(file.path));
    if (gpu.length)
      throw new Error(`npm ci downloaded GPU libraries: ${gpu.map((file) => file.path).join(', ')}`);
    const installedBytes = totalBytes(folderFiles(source));
    const lines = [
      `npm ci (install scripts on, the archive's .npmrc): ${(installedBytes / 1048576).toFixed(1)} MB, no CUDA`,
      await proveIsolation(source, source),
    ];
    const port = await freePort();
    const start = () =>
      startServer(
        join(source, 'node_modules/.bin/functions-framework'),
        ['--target=modelfn', `--port=${port}`],
        {
          cwd: source,
          env: isolatedEnv({ IGNORED_ROUTES: '' }),
          ready: /Serving function/,
          timeoutMs: START_TIMEOUT_MS,
        },
      );
    return { lines: [...lines, ...(await probeServer('functions-framework', start, port))], installedBytes };
  });
}

/**
 * The container context as its Dockerfile builds and runs it, without Docker: its RUN steps in a copy of
 * the context, then its CMD. Returns the size of the app it leaves (the image's /app).
 */
export function smokeContainer(context: string): Promise<{ lines: string[]; appBytes: number }> {
  return outsideRepo('container', async (dir) => {
    const app = join(dir, 'app');
    cpSync(context, app, { recursive: true });
    const dockerfile = readFileSync(join(app, 'Dockerfile'), 'utf8');
    for (const command of instructions(dockerfile, 'RUN'))
      await runCommand('sh', ['-c', command], {
        cwd: app,
        env: projectNpmrcOnly(dir, { npm_config_prefer_offline: 'true' }),
        timeoutMs: 300_000,
      });
    const appBytes = totalBytes(folderFiles(app));
    const [cmd, ...args] = JSON.parse(instructions(dockerfile, 'CMD').at(-1) ?? '[]') as string[];
    if (cmd !== 'node') throw new Error(`the Dockerfile's CMD runs ${cmd}, not node`);
    const lines = [
      `Dockerfile RUN steps: app ${(appBytes / 1048576).toFixed(1)} MB`,
      await proveIsolation(app, app),
    ];
    const port = await freePort();
    const env = isolatedEnv({ NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port) });
    const start = () =>
      startServer(process.execPath, args, {
        cwd: app,
        env,
        ready: /modelfn serving/,
        timeoutMs: START_TIMEOUT_MS,
      });
    // HEALTHCHECK [options] CMD ["node", "-e", "..."]: the image's own probe must pass on the running server.
    const healthcheck = async () => {
      const command = instructions(dockerfile, 'HEALTHCHECK')
        .at(-1)
        ?.match(/CMD (\[.*\])$/)?.[1];
      if (!command) return 'no HEALTHCHECK';
      const [node, ...rest] = JSON.parse(command) as string[];
      if (node !== 'node') throw new Error(`the HEALTHCHECK runs ${node}, not node`);
      await runCommand(process.execPath, rest, { cwd: app, env, timeoutMs: 10_000 });
      return 'HEALTHCHECK command → exit 0';
    };
    return {
      lines: [...lines, ...(await probeServer(`node ${args.join(' ')}`, start, port, healthcheck))],
      appBytes,
    };
  });
}
