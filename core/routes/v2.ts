import type { Hono } from 'hono';
import { version } from '../../package.json';
import { badRequest } from '../errors';
import type { Model } from '../model';
import type { RouteDoc } from '../openapi';
import { Health, InferRequest, InferResponse, ModelMetadata, ModelReady, ServerMetadata } from '../schemas';
import type { ModelStore } from '../store';
import { ACCEPTED_DATATYPES, flattenData, toTypedArray } from '../tensors';
import { jsonBody, parse, readJson } from '../validate';

const TAG = 'Open Inference Protocol (V2)';
const ONNX_PLATFORM = 'onnx_onnxv1';

/** Decodes the request's single input tensor into row-major numbers for `model`. */
function decodeInput(model: Model, request: InferRequest) {
  const [expected] = model.inputs;
  const names = request.inputs.map((input) => input.name);
  const index = names.indexOf(model.manifest.input.name);
  if (index < 0)
    throw badRequest(`body.inputs: model "${model.name}" needs input "${model.manifest.input.name}"`);
  const extra = names.findIndex((_, i) => i !== index);
  if (extra >= 0)
    throw badRequest(`body.inputs[${extra}].name: model "${model.name}" takes only input "${names[index]}"`);
  const input = request.inputs[index] as InferRequest['inputs'][number];
  const where = `body.inputs[${index}]`;
  if (!(ACCEPTED_DATATYPES as readonly string[]).includes(input.datatype))
    throw badRequest(
      `${where}.datatype: expected one of ${ACCEPTED_DATATYPES.join(', ')}, got "${input.datatype}"`,
    );
  const width = model.columns.length;
  const [rows, columns, ...rest] = input.shape;
  if (rows === undefined || rows < 1 || columns !== width || rest.length > 0)
    throw badRequest(
      `${where}.shape: expected [N, ${width}] with N >= 1 (model input ${JSON.stringify(expected?.shape)}), got [${input.shape}]`,
    );
  const values = flattenData(input.data, input.shape, `${where}.data`);
  const locate = (i: number) => `${where}.data[${i}]`;
  // FP32 data means float32 values: round (and range-check) them as the client declared.
  return {
    rows,
    values: input.datatype === 'FP32' ? toTypedArray(values, 'float32', locate) : values,
    locate,
  };
}

function selectOutputs(model: Model, request: InferRequest) {
  const known = model.outputs.map((output) => output.name);
  if (!request.outputs) return known;
  return request.outputs.map(({ name }, i, all) => {
    if (!known.includes(name))
      throw badRequest(`body.outputs[${i}].name: model "${model.name}" has no output "${name}"`);
    if (all.findIndex((output) => output.name === name) !== i)
      throw badRequest(`body.outputs[${i}].name: output "${name}" is requested twice`);
    return name;
  });
}

/** Open Inference Protocol (KServe V2) over HTTP/REST. */
export function v2Routes(app: Hono, store: ModelStore, docs: RouteDoc[]) {
  docs.push({
    method: 'get',
    path: '/v2',
    summary: 'Server metadata',
    tag: TAG,
    response: ServerMetadata,
  });
  app.get('/v2', (c) => c.json({ name: 'modelfn', version, extensions: [] }));

  docs.push({
    method: 'get',
    path: '/v2/health/live',
    summary: 'Server liveness',
    tag: TAG,
    response: Health,
  });
  app.get('/v2/health/live', (c) => c.json({ live: true }));
  // The app exists only once every model has loaded, so a server that answers is ready.
  docs.push({
    method: 'get',
    path: '/v2/health/ready',
    summary: 'Server readiness',
    tag: TAG,
    response: Health,
  });
  app.get('/v2/health/ready', (c) => c.json({ ready: true }));

  for (const [docPath, path] of [
    ['/v2/models/{model}', '/v2/models/:model'],
    ['/v2/models/{model}/versions/{version}', '/v2/models/:model/versions/:version'],
  ] as const) {
    const find = (param: (name: string) => string | undefined) =>
      store.get(param('model') as string, param('version'));

    docs.push({
      method: 'get',
      path: docPath,
      summary: 'Model metadata',
      tag: TAG,
      response: ModelMetadata,
      errors: [404],
    });
    app.get(path, (c) => {
      const model = find((name) => c.req.param(name));
      const { inputs, outputs } = model;
      return c.json({
        name: model.name,
        versions: [model.version],
        platform: ONNX_PLATFORM,
        inputs,
        outputs,
      });
    });

    docs.push({
      method: 'get',
      path: `${docPath}/ready`,
      summary: 'Model readiness',
      tag: TAG,
      response: ModelReady,
      errors: [404],
    });
    app.get(`${path}/ready`, (c) => c.json({ name: find((name) => c.req.param(name)).name, ready: true }));

    docs.push({
      method: 'post',
      path: `${docPath}/infer`,
      summary: 'Inference',
      tag: TAG,
      body: InferRequest,
      response: InferResponse,
      errors: [400, 404, 413, 415],
    });
    app.post(`${path}/infer`, jsonBody, async (c) => {
      const model = find((name) => c.req.param(name));
      const request = parse(InferRequest, await readJson(c), 'body');
      const { rows, values, locate } = decodeInput(model, request);
      const outputs = await model.run(values, rows, locate, selectOutputs(model, request));
      return c.json({
        model_name: model.name,
        model_version: model.version,
        ...(request.id !== undefined && { id: request.id }),
        outputs,
      });
    });
  }
}
