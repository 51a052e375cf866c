import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { app } from '../core/runtime';
import { invokeDirect } from './direct-invoke';

// Imported at the top level so the models load in the function's init phase, not on the first request.
const http = app.then((core) => handle(core));

/**
 * One entry point for every way Lambda calls this function: API Gateway HTTP API (payload 2.0) and REST
 * API (payload 1.0) events go through Hono's own adapter; anything else is a direct invoke whose event is
 * the original API's request body.
 */
export async function handler(event: unknown, context?: LambdaContext) {
  if (isApiGatewayEvent(event)) return (await http)(event, context);
  return invokeDirect(await app, event);
}

// API Gateway (and the other HTTP front doors Hono handles) always send a requestContext; a prediction
// request body never has one.
function isApiGatewayEvent(event: unknown): event is LambdaEvent {
  return typeof event === 'object' && event !== null && !Array.isArray(event) && 'requestContext' in event;
}
