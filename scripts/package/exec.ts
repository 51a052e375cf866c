import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/*
 * Child processes for packaging: every CLI runs in its own process group under a timeout, and the whole
 * group is killed when it is over or stopped, so nothing outlives `npm run package`.
 */

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
}

// Children run in their own process groups, out of reach of a Ctrl-C or a CI timeout's SIGTERM: pass it
// on, and remove the temporary folders that `finally` blocks will not get to.
const running = new Set<ChildProcess>();
const temporary = new Set<string>();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, async () => {
    const groups = [...running];
    for (const child of groups) killGroup(child, 'SIGKILL');
    // A killed process may still be finishing a write into a folder: remove the folders once all are gone.
    await Promise.all(groups.map((child) => groupGone(child.pid as number, 5_000)));
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Runs `run` in a fresh folder under the system's temporary folder, removed afterwards whatever happens. */
export async function inTempDir<T>(prefix: string, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.add(dir);
  try {
    return await run(dir);
  } finally {
    temporary.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function spawnGroup(command: string, args: string[], options: CommandOptions): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child)); // it never started (e.g. ENOENT)
  return child;
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
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
  return !groupAlive(pid);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-(child.pid as number), signal);
  } catch {} // the group is already gone
}

const tail = (text: string) => text.split('\n').slice(-40).join('\n');

/** Runs a command to completion; rejects with its output when it fails or overruns. */
export async function runCommand(command: string, args: string[], options: CommandOptions): Promise<string> {
  const child = spawnGroup(command, args, options);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), options.timeoutMs);
  const line = `${command} ${args.join(' ')}`;
  let code: number | null;
  let signal: NodeJS.Signals | null;
  try {
    // Rejects with the 'error' of a command that could not start.
    [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  } catch (error) {
    throw new Error(`${line}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  // The command is done; anything it left running in its group goes with it.
  killGroup(child, 'SIGKILL');
  if (signal === 'SIGKILL')
    throw new Error(`${line}: no result in ${options.timeoutMs / 1000} s\n${tail(output)}`);
  if (code !== 0) throw new Error(`${line}: exit ${code ?? signal}\n${tail(output)}`);
  return output;
}

export interface Server {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a server and resolves once its output matches `ready`; `stop` ends its process group. */
export async function startServer(
  command: string,
  args: string[],
  options: CommandOptions & { ready: RegExp },
): Promise<Server> {
  const child = spawnGroup(command, args, options);
  let output = '';
  // Settles on 'exit', or on the 'error' of a server that never started (then there is no 'exit').
  const exited = once(child, 'exit').catch(() => {});
  // The group, not the leader: a leader that exited (npm, a shell) may have left children behind.
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    if (!(await groupGone(child.pid as number, 5_000))) killGroup(child, 'SIGKILL');
    await exited;
    await groupGone(child.pid as number, 5_000);
  };
  try {
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`${command} not ready in ${options.timeoutMs / 1000} s:\n${tail(output)}`)),
        options.timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (options.ready.test(output)) {
          clearTimeout(timer);
          ok();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`${command} exited (${code ?? signal}) before it was ready:\n${tail(output)}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        fail(new Error(`${command} did not start: ${error.message}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, output: () => output, stop };
}

// What an isolated process keeps: the machine's settings, the proxy among them, none of the repository's.
const PROXY = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'].flatMap((name) => [name, name.toLowerCase()]);
const MACHINE = ['HOME', 'LANG', 'TMPDIR', 'TZ', ...PROXY];

/**
 * The environment of a process that must not see the repository: no NODE_PATH or NODE_OPTIONS, no npm
 * settings inherited from `npm run` (the project's .npmrc among them), no node_modules/.bin on PATH.
 */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules'))
    .join(delimiter);
  const keep = MACHINE.filter((name) => process.env[name] !== undefined);
  return { ...Object.fromEntries(keep.map((name) => [name, process.env[name]])), PATH: path, ...extra };
}

/** Prints a step, runs it, prints how long it took. */
export async function step<T>(title: string, run: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  console.log(`▶ ${title}`);
  try {
    const result = await run();
    console.log(`✔ ${title} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    console.log(`✘ ${title} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
    throw error;
  }
}
