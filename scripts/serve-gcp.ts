import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildTarget, ROOT, TARGETS } from './build';

const GCP_DIST = join(ROOT, TARGETS.gcp.outfile, '..');
const port = process.env.PORT ?? '8081';
const base = `http://localhost:${port}`;

/** Answers once the function serves requests with its models loaded. */
async function waitUntilReady(): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${base}/v2/health/ready`)).ok) return;
    } catch {} // not listening yet
    await sleep(100);
  }
}

/**
 * Builds dist/gcp and serves it with the real Functions Framework CLI, the program Cloud Functions runs.
 * npm and sh may not pass signals on, so this process forwards them and exits with the framework.
 */
async function main() {
  await buildTarget('gcp');
  const framework = spawn(
    join(ROOT, 'node_modules/.bin/functions-framework'),
    ['--target=modelfn', `--source=${GCP_DIST}`, `--port=${port}`],
    // As deployed (gcp/README.md): no ignored routes, so the core answers /favicon.ico and /robots.txt too.
    { stdio: 'inherit', env: { IGNORED_ROUTES: '', ...process.env } },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => framework.kill(signal));
  framework.on('exit', (code, signal) => process.exit(code ?? 128 + constants.signals[signal ?? 'SIGTERM']));
  await waitUntilReady();
  console.log(`modelfn (Google Cloud Functions, target modelfn) serving ${base}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
