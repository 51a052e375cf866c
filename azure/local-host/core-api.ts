import Module from 'node:module';

// The slice of '@azure/functions-core' (the Node.js worker's built-in module) that @azure/functions uses.
export type RpcTypedData = { http?: RpcHttpData | null; bytes?: Uint8Array | null; string?: string | null };
export interface RpcHttpData {
  method?: string | null;
  url?: string | null;
  headers?: Record<string, string> | null;
  params?: Record<string, string> | null;
  body?: RpcTypedData | null;
  statusCode?: string | null;
  cookies?: unknown[] | null;
}
export interface RpcBindingInfo {
  type?: string | null;
  direction?: 'in' | 'out' | 'inout' | null;
  route?: string;
  methods?: string[];
  authLevel?: string;
}
export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
}
export type FunctionCallback = (...args: unknown[]) => unknown;
export type LogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none';
export interface CoreInvocationContext {
  invocationId: string;
  request: {
    invocationId: string;
    functionId: string;
    inputData: { name: string; data: RpcTypedData }[];
  };
  metadata: FunctionMetadata;
  state?: 'preInvocationHooks' | 'postInvocationHooks' | 'invocation';
  log(level: LogLevel, category: string, message: string): void;
}
export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<{ returnValue?: RpcTypedData | null }>;
}
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(context: CoreInvocationContext): InvocationModel;
}

export interface Registration {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

export interface CoreApi {
  /** Every function the app registered, in registration order. */
  readonly functions: Registration[];
  /** The programming model the app's @azure/functions set (the worker would fall back to its own). */
  programmingModel(): ProgrammingModel;
}

const quiet = new Set<LogLevel>(['trace', 'debug', 'information', 'none']);

/** Prints what the host would log: user logs, and system logs from warning up. */
export function log(level: LogLevel, category: string, message: string): void {
  if (category === 'system' && quiet.has(level)) return;
  const line = `[${new Date().toISOString()}] ${message}`;
  if (level === 'error' || level === 'critical') console.error(line);
  else console.log(line);
}

/**
 * Provides '@azure/functions-core' the way the Node.js worker does: it is no npm package, the worker
 * answers `require('@azure/functions-core')` itself. Install before loading the app.
 */
export function installCoreApi(): CoreApi {
  const functions: Registration[] = [];
  let model: ProgrammingModel | undefined;
  const api = {
    version: '@modelfn/local-host',
    hostVersion: '4.x (modelfn local host)',
    registerFunction(metadata: FunctionMetadata, callback: FunctionCallback) {
      if (functions.some((f) => f.metadata.name === metadata.name))
        throw new Error(`function "${metadata.name}" is registered twice`);
      const registration = { metadata, callback };
      functions.push(registration);
      return { dispose: () => functions.splice(functions.indexOf(registration), 1) };
    },
    // Hooks would need the worker's hook pipeline; failing loudly beats silently skipping them.
    registerHook(name: string) {
      throw new Error(`the modelfn local host does not run "${name}" hooks`);
    },
    setProgrammingModel(programmingModel: ProgrammingModel) {
      model = programmingModel;
    },
    getProgrammingModel: () => model,
    log,
  };
  Module.prototype.require = new Proxy(Module.prototype.require, {
    apply: (target, self, args) =>
      args[0] === '@azure/functions-core' ? api : Reflect.apply(target, self, args),
  });
  return {
    functions,
    programmingModel() {
      if (!model) throw new Error('the app set no programming model: did it register any function?');
      return model;
    },
  };
}
