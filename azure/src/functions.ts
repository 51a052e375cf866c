import { app as functions, type HttpMethod } from '@azure/functions';
import { app } from '../../core/runtime';
import { authLevel } from './auth-level';
import { toHttpResponse, toWebRequest } from './bridge';

// Every method on every path reaches the core, which answers unknown routes (404) and wrong methods
// (405) itself; the host's own 404 would be an empty body that differs from the other providers.
// Not TRACE or CONNECT: Node's web Request refuses to construct them, so the handler could only fail
// (the host's empty 500); unregistered, they get the host's 404 without invoking the function.
const methods: HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

functions.http('modelfn', {
  route: '{*path}',
  methods,
  authLevel: authLevel(),
  handler: async (request) => toHttpResponse(await (await app).fetch(await toWebRequest(request))),
});
