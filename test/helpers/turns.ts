import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll } from 'vitest';
import { ROOT } from './process';

/**
 * Commands that build into one fixed folder must not run in two test files at once (vitest runs files in
 * parallel workers where there are cores for it): `serve:azure` and `serve:gcp` empty and rebuild
 * azure/dist and dist/gcp as they start; every serverless command (offline, invoke local, package)
 * builds into .esbuild/, which `package` deletes when done while serverless-offline loads the handler
 * from it on every request. Each such command takes a turn, named for the folder's user: a lock directory,
 * made atomically, holds the pid of the test process whose turn it is; a dead process's turn is taken over.
 */
const held = new Map<string, { count: number; taken: Promise<void> }>();

const lockOf = (name: string) => resolve(ROOT, 'node_modules/.cache/modelfn-turns', name.replace(/\W/g, '-'));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function take(lock: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  mkdirSync(resolve(lock, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(resolve(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(resolve(lock, 'pid'), 'utf8'));
    } catch {} // its owner is writing the pid right now
    if (owner && !alive(owner)) rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`${lock} still held by process ${owner}`);
    await sleep(250);
  }
}

/**
 * Waits for this test process's turn with `name` (shared by all its callers in this process) and
 * resolves to the function that ends it.
 */
export async function takeTurn(name: string, timeoutMs = 150_000): Promise<() => void> {
  const lock = lockOf(name);
  let turn = held.get(name);
  if (!turn) {
    turn = { count: 0, taken: take(lock, timeoutMs) };
    held.set(name, turn);
  }
  turn.count++;
  try {
    await turn.taken;
  } catch (error) {
    if (--turn.count === 0) held.delete(name);
    throw error;
  }
  let ended = false;
  return () => {
    if (ended || !turn) return;
    ended = true;
    if (--turn.count > 0) return;
    held.delete(name);
    rmSync(lock, { recursive: true, force: true });
  };
}

/** Holds the turn `name` for the suite (file or describe block) it is called in. */
export function holdTurn(name: string): void {
  let end = () => {};
  beforeAll(async () => {
    end = await takeTurn(name);
  });
  afterAll(() => end());
}
