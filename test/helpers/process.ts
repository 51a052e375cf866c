import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface Started {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a long-running command in its own process group and resolves once `ready` matches its
 * output; `stop` sends SIGTERM to the whole group (SIGKILL after a grace period), so CLIs that
 * spawn children leave nothing behind.
 */
export async function startProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; ready: RegExp; url: string; timeoutMs?: number; cwd?: string },
): Promise<Started> {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = once(child, 'exit');
  // The group, not the leader: a leader that exited may have left children behind.
  const stop = async () => {
    const pid = child.pid as number;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal);
      } catch {} // the group is already gone
    };
    kill('SIGTERM');
    if (!(await groupGone(pid, 5_000))) kill('SIGKILL');
    await exited;
    await groupGone(pid, 5_000);
  };
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`${command} ${args.join(' ')} not ready in ${options.timeoutMs ?? 60_000} ms:\n${log}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (options.ready.test(log)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${command} exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url: options.url, child, output: () => log, stop };
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

/** Whether any process of the group `pid` leads is still there. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `timeoutMs` for the group `pid` leads to be gone; answers whether it is. */
export async function groupGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 100));
  return !groupAlive(pid);
}
