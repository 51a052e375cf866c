import { http } from '@google-cloud/functions-framework';
import { getRequestListener } from '@hono/node-server';
import { app } from '../core/runtime';
import { keepRawBodies } from './raw-body';

/**
 * The Google Cloud Functions (gen2) entry point, target `modelfn`: the core behind the Functions
 * Framework's Express server. The framework's body parsers have already read the request stream, so the
 * body must come from `req.rawBody` (the exact bytes received), never `req.body` (the framework's parse).
 * @hono/node-server's listener does that translation (rawBody when set, else the unread stream, as for
 * a request without content-type) and writes status, headers and bytes back to `res`: the same code the
 * plain server runs, so both targets turn HTTP into web Requests identically.
 */
keepRawBodies();
const listener = app.then((core) => getRequestListener(core.fetch, { overrideGlobalObjects: false }));

http('modelfn', async (req, res) => (await listener)(req, res));
