import { createRequire } from 'node:module';
import type { RequestHandler } from 'express';

/**
 * The Functions Framework parses every body before the function runs (body-parser json, text and
 * urlencoded, then raw for every other type) and answers a parse error with Express's HTML error page;
 * no option turns that off (GoogleCloudPlatform/functions-framework-nodejs#686). The core must decide
 * every error itself, so the typed parsers are switched off before the framework builds its server: its
 * last parser, raw for every type, then keeps the exact bytes in `req.rawBody`.
 */
export function keepRawBodies(): void {
  const framework = createRequire(require.resolve('@google-cloud/functions-framework'));
  const bodyParser = framework('body-parser');
  const pass = (): RequestHandler => (_req, _res, next) => next();
  bodyParser.json = pass;
  bodyParser.text = pass;
  bodyParser.urlencoded = pass;
}
