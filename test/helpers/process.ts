import { execFile } from 'node:child_process';
import { ROOT } from '../../scripts/build';
import { type Server, startServer } from '../../scripts/package/exec';

export { freePort, groupGone } from '../../scripts/package/exec';
export { ROOT };

export interface Started extends Server {
  url: string;
}

/**
 * Starts a long-running command in its own process group (the packaging's own `startServer`) and
 * resolves once `ready` matches its output; `stop` ends the whole group, so CLIs that spawn children
 * leave nothing behind.
 */
export async function startProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; ready: RegExp; url: string; timeoutMs?: number; cwd?: string },
): Promise<Started> {
  const server = await startServer(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    ready: options.ready,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  return { url: options.url, ...server };
}

/** Runs a command to completion under a timeout (these CLIs can hang after an error). */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd ?? ROOT,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        ok({ code, stdout, stderr });
      },
    );
  });
}
