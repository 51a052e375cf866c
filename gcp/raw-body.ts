import { createRequire } from 'node:module';
import type { RequestHandler } from 'express';

/**
 * The Functions Framework parses every body before the function runs (body-parser json, text and
 * urlencoded, then raw for every other type: each inflates gzip/deflate/br, buffers up to 1024 MB and
 * answers what it cannot read, e.g. `content-encoding: compress` or a bad gzip stream, with Express's HTML
 * error page and stack trace); no option turns that off (GoogleCloudPlatform/functions-framework-nodejs#686).
 * The core must decide every request itself, so all four parsers are switched off before the framework
 * builds its server: the request stream reaches the function unread, and `req.rawBody` stays unset.
 */
export function leaveBodiesUnread(): void {
  const framework = createRequire(require.resolve('@google-cloud/functions-framework'));
  const bodyParser = framework('body-parser');
  const pass = (): RequestHandler => (_req, _res, next) => next();
  bodyParser.json = pass;
  bodyParser.text = pass;
  bodyParser.urlencoded = pass;
  bodyParser.raw = pass;
}
