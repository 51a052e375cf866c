import { freePort, type Started, startProcess } from './process';
import { takeTurn } from './turns';

interface Script {
  /** npm's arguments, made when it starts. */
  args: () => string[] | Promise<string[]>;
  /** What it prints once it serves, and the host it serves on. */
  ready: RegExp;
  host: string;
  /** The folder it builds into is shared: see turns.ts. */
  turn?: string;
}

/** The package's serving scripts; each honours PORT. */
const SCRIPTS = {
  'serve:aws': {
    // Its Lambda invoke endpoint (default 3002) on a free port as well.
    args: async () => ['run', 'serve:aws', '--', '--lambdaPort', String(await freePort())],
    ready: /Server ready: http:\/\/127\.0\.0\.1:\d+/,
    host: '127.0.0.1',
    turn: 'serverless',
  },
  'serve:azure': {
    args: () => ['run', '--silent', 'serve:azure'],
    ready: /listening on http:\/\/127\.0\.0\.1:\d+/,
    host: '127.0.0.1',
    turn: 'serve:azure',
  },
  'serve:gcp': {
    args: () => ['run', 'serve:gcp'],
    ready: /serving http:\/\/localhost:\d+/,
    host: 'localhost',
    turn: 'serve:gcp',
  },
  start: { args: () => ['start'], ready: /modelfn serving http:\/\/\S+:\d+/, host: '127.0.0.1' },
} satisfies Record<string, Script>;

export type ScriptName = keyof typeof SCRIPTS;

/** Runs an npm serving script on a free port, in its turn; `stop` ends the process group and the turn. */
export async function serve(name: ScriptName): Promise<Started> {
  const { args, ready, host, turn }: Script = SCRIPTS[name];
  const end = turn ? await takeTurn(turn) : () => {};
  try {
    const port = await freePort();
    const started = await startProcess('npm', await args(), {
      env: { PORT: String(port), HOST: '127.0.0.1' },
      ready,
      url: `http://${host}:${port}`,
      timeoutMs: 120_000,
    });
    return { ...started, stop: () => started.stop().finally(end) };
  } catch (error) {
    end();
    throw error;
  }
}
