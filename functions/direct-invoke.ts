/** What a direct invoke needs of the core app. */
interface Fetcher {
  fetch: (request: Request) => Response | Promise<Response>;
}

/**
 * A direct invoke (`aws lambda invoke`, the console's test button) sends the original API's request body
 * as the event and, like the original function, gets the response body back as the result: the event is
 * posted to the core's `/predict` unchanged, so every rule and error stays the core's.
 */
export async function invokeDirect(core: Fetcher, event: unknown): Promise<unknown> {
  const request = new Request('http://lambda.invoke/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  const response = await core.fetch(request);
  const body = await response.json();
  // A client mistake answers with the core's error body, as a result; a failure of the function itself
  // must be a Lambda function error, so that its error metrics, retries and destinations see it.
  if (response.status >= 500) throw new Error(body.error);
  return body;
}
