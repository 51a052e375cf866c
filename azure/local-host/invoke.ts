import { randomUUID } from 'node:crypto';
import {
  type CoreInvocationContext,
  log,
  type ProgrammingModel,
  type Registration,
  type RpcHttpData,
} from './core-api';

/**
 * Runs one HTTP invocation the way the Node.js worker's InvocationHandler does: the programming model
 * builds the real HttpRequest and InvocationContext from the RPC data (getArguments), calls the handler
 * (invokeFunction) and turns its HttpResponseInit/HttpResponse into RPC data (getResponse).
 * Returns the HTTP response the function produced, or undefined when it returned none.
 */
export async function invokeHttp(
  model: ProgrammingModel,
  { metadata, callback }: Registration,
  http: RpcHttpData,
): Promise<RpcHttpData | undefined> {
  const trigger = Object.entries(metadata.bindings).find(([, binding]) => binding.type === 'httpTrigger');
  if (!trigger) throw new Error(`function "${metadata.name}" has no httpTrigger binding`);
  const invocationId = randomUUID();
  const coreContext: CoreInvocationContext = {
    invocationId,
    request: { invocationId, functionId: metadata.name, inputData: [{ name: trigger[0], data: { http } }] },
    metadata,
    log,
  };
  const invocation = model.getInvocationModel(coreContext);
  const { context, inputs } = await invocation.getArguments();
  coreContext.state = 'invocation';
  let result: unknown;
  try {
    result = await invocation.invokeFunction(context, inputs, callback);
  } finally {
    coreContext.state = undefined;
  }
  const response = await invocation.getResponse(context, result);
  return response.returnValue?.http ?? undefined;
}
