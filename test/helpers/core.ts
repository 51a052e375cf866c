import { app } from '../../core/runtime';

export interface Call {
  method: string;
  path: string;
  /** A string or bytes go as they are (bytes with no content type, as fetch sends them); the rest as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A response as every target is compared: status, headers (lower-case names) and body text. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const isBytes = (body: unknown): body is Uint8Array<ArrayBuffer> => body instanceof Uint8Array;

export const requestInit = ({ method, body, headers }: Call): RequestInit => ({
  method,
  headers: {
    ...(body === undefined || isBytes(body) ? {} : { 'content-type': 'application/json' }),
    ...headers,
  },
  body:
    body === undefined ? undefined : typeof body === 'string' || isBytes(body) ? body : JSON.stringify(body),
});

export async function readAnswer(response: Response): Promise<Answer> {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

/** Sends `call` to the core app in process: the reference every target is compared with. */
export const coreAnswer = async (call: Call) =>
  readAnswer(await (await app).fetch(new Request(`http://core${call.path}`, requestInit(call))));

/** The same over HTTP, to a running target. */
export const httpAnswer = async (base: string, call: Call) =>
  readAnswer(await fetch(`${base}${call.path}`, requestInit(call)));

const brief = ({ status, headers, body }: Answer) => ({
  status,
  contentType: headers['content-type'] ?? null,
  body,
});

/** Status, content type and body of the core's answer. */
export const callCore = async (call: Call) => brief(await coreAnswer(call));

/** Status, content type and body of a running target's answer over HTTP. */
export const callHttp = async (base: string, call: Call) => brief(await httpAnswer(base, call));

// Set by an HTTP server for the connection, never by the app: not part of any answer's comparison.
const CONNECTION = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

export interface Comparison {
  /** Headers a target adds to every answer itself (an emulator's own), left out on both sides. */
  added?: readonly string[];
  /** Compare only the media type of content-type, for a target that adds parameters to it. */
  mediaTypeOnly?: boolean;
}

/**
 * What of an answer must equal the core's: status, body and every header but the connection's, so a
 * header the target drops, changes or adds shows in the diff next to the status and body.
 */
function comparable({ status, headers, body }: Answer, { added = [], mediaTypeOnly }: Comparison) {
  const kept = Object.entries(headers)
    .filter(([name]) => !CONNECTION.has(name) && !added.includes(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => [name, name === 'content-type' && mediaTypeOnly ? mediaType(value) : value]);
  return { status, headers: Object.fromEntries(kept), body };
}

const mediaType = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase();

/**
 * `answer` and the core's `reference` side by side for `expect(actual).toEqual(expected)`. Bodies are
 * compared whole; a long one is shown as its length and the stretch around the first difference, so a
 * failure stays readable.
 */
export function compared(answer: Answer, reference: Answer, comparison: Comparison = {}) {
  const [actual, expected] = [comparable(answer, comparison), comparable(reference, comparison)];
  if (actual.body.length + expected.body.length <= 2_000) return { actual, expected };
  let at = 0;
  while (at < actual.body.length && actual.body[at] === expected.body[at]) at++;
  const from = Math.max(0, at - 100);
  const around = (body: string) => ({
    length: body.length,
    [`from char ${from}`]: body.slice(from, at + 100),
  });
  return {
    actual: { ...actual, body: around(actual.body) },
    expected: { ...expected, body: around(expected.body) },
  };
}
