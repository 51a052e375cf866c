import { http } from '@google-cloud/functions-framework';
import { getRequestListener } from '@hono/node-server';
import { app } from '../core/runtime';
import { leaveBodiesUnread } from './raw-body';

/**
 * The Google Cloud Functions (gen2) entry point, target `modelfn`: the core behind the Functions
 * Framework's Express server. gcp/raw-body.ts switches the framework's body parsers off, so the request
 * stream arrives unread (no `req.rawBody`, no `req.body`) and the core reads the bytes as received: its
 * own size limit, content types and encodings. @hono/node-server's listener turns the request into a web
 * `Request` over that stream and writes status, headers and bytes back to `res`: the same code the plain
 * server runs, so both targets turn HTTP into web Requests identically.
 */
leaveBodiesUnread();
const listener = app.then((core) => getRequestListener(core.fetch, { overrideGlobalObjects: false }));

http('modelfn', async (req, res) => (await listener)(req, res));
