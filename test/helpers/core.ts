import { app } from '../../core/runtime';

export interface Call {
  method: string;
  path: string;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const requestInit = ({ method, body, headers }: Call): RequestInit => ({
  method,
  headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
});

/** Sends `call` to the core app in process: the reference every target is compared with. */
export async function callCore(call: Call) {
  const response = await (await app).fetch(new Request(`http://core${call.path}`, requestInit(call)));
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

/** The same over HTTP, to a running target. */
export async function callHttp(base: string, call: Call) {
  const response = await fetch(`${base}${call.path}`, requestInit(call));
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}
