import { freePort, type Started, startProcess } from './process';

interface Script {
  /** npm's arguments, made when it starts. */
  args: () => string[] | Promise<string[]>;
  /** What it prints once it serves, and the host it serves on. */
  ready: RegExp;
  host: string;
}

/** The package's serving scripts; each honours PORT. */
const SCRIPTS = {
  'serve:aws': {
    // Its Lambda invoke endpoint (default 3002) on a free port as well.
    args: async () => ['run', 'serve:aws', '--', '--lambdaPort', String(await freePort())],
    ready: /Server ready: http:\/\/127\.0\.0\.1:\d+/,
    host: '127.0.0.1',
  },
  'serve:azure': {
    args: () => ['run', '--silent', 'serve:azure'],
    ready: /listening on http:\/\/127\.0\.0\.1:\d+/,
    host: '127.0.0.1',
  },
  'serve:gcp': {
    args: () => ['run', 'serve:gcp'],
    ready: /serving http:\/\/localhost:\d+/,
    host: 'localhost',
  },
  start: { args: () => ['start'], ready: /modelfn serving http:\/\/\S+:\d+/, host: '127.0.0.1' },
} satisfies Record<string, Script>;

export type ScriptName = keyof typeof SCRIPTS;

/** Runs an npm serving script on a free port; `stop` ends its whole process group. */
export async function serve(name: ScriptName): Promise<Started> {
  const { args, ready, host }: Script = SCRIPTS[name];
  const port = await freePort();
  return startProcess('npm', await args(), {
    env: { PORT: String(port), HOST: '127.0.0.1' },
    ready,
    url: `http://${host}:${port}`,
    timeoutMs: 120_000,
  });
}
