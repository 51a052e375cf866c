import type { APIGatewayProxyResult } from 'hono/aws-lambda';
import { handler } from '../../functions/handler';
import { httpApiEvent, readResult, restApiEvent } from '../helpers/api-gateway';
import { type Answer, type Call, type Comparison, httpAnswer } from '../helpers/core';
import type { Started } from '../helpers/process';
import { type ScriptName, serve } from '../helpers/serve';

export interface Running {
  send: (call: Call) => Promise<Answer>;
  stop: () => Promise<void>;
  /** The npm process a served target runs under. */
  process?: Started;
}

/** One way a request reaches the core; `comparison` says what of its answers the core decides. */
export interface Target {
  name: string;
  /** Started through an npm script (so its shutdown is checked too), or in this process. */
  npm: boolean;
  comparison?: Comparison;
  start: () => Promise<Running>;
}

const lambda = (name: string, toEvent: (call: Call) => unknown): Target => ({
  name,
  npm: false,
  start: async () => ({
    send: async (call) => readResult((await handler(toEvent(call))) as APIGatewayProxyResult),
    stop: async () => {},
  }),
});

/** A target served over HTTP by one of the package's npm scripts. */
const served = (name: string, script: ScriptName, comparison?: Comparison): Target => ({
  name,
  npm: true,
  comparison,
  start: async () => {
    const started = await serve(script);
    return { send: (call) => httpAnswer(started.url, call), stop: started.stop, process: started };
  },
});

export const TARGETS: Target[] = [
  lambda('Lambda handler / API Gateway v2 event', httpApiEvent),
  lambda('Lambda handler / API Gateway v1 event', restApiEvent),
  // hapi, serverless-offline's HTTP server, appends "; charset=utf-8" to text types, sets its own
  // cache-control and accept-ranges, and gzips bodies over 1 KB for clients that accept it (fetch does,
  // and decodes them); API Gateway passes the function's headers and body on as they are.
  served('serverless-offline', 'serve:aws', {
    mediaTypeOnly: true,
    added: ['accept-ranges', 'cache-control', 'content-encoding', 'vary'],
  }),
  served('Azure local host', 'serve:azure'),
  served('functions-framework', 'serve:gcp'),
  served('standalone server', 'start'),
];
