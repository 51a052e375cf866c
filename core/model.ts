import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Manifest, ManifestFile } from './manifest';
import { FLOAT_TYPES, type FloatType, type Locate, toDatatype, toJsonData, toTypedArray } from './tensors';

export interface TensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

export interface OutputTensor extends TensorMetadata {
  data: number[] | string[] | boolean[];
}

// One session per model per process, sized for a 1-vCPU function: threads only add contention there.
export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};

const describeValue = (meta: ort.InferenceSession.ValueMetadata): TensorMetadata => {
  if (!meta.isTensor) throw new Error(`${meta.name} is not a tensor`);
  return {
    name: meta.name,
    datatype: toDatatype(meta.type),
    shape: meta.shape.map((dim) => (typeof dim === 'number' && dim >= 0 ? dim : -1)),
  };
};

/** A loaded model: its manifest, its warm session, and the metadata read from the ONNX file itself. */
export class Model {
  readonly inputs: TensorMetadata[];
  readonly outputs: TensorMetadata[];

  private constructor(
    readonly manifest: Manifest,
    private readonly session: ort.InferenceSession,
    private readonly inputType: FloatType,
  ) {
    this.inputs = session.inputMetadata.map(describeValue);
    this.outputs = session.outputMetadata.map(describeValue);
  }

  get name() {
    return this.manifest.name;
  }
  get version() {
    return this.manifest.version;
  }
  get columns() {
    return this.manifest.input.columns;
  }

  static async load({ dir, manifest }: ManifestFile): Promise<Model> {
    const where = `${manifest.name}/${manifest.file}`;
    const bytes = readFileSync(join(dir, manifest.file));
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== manifest.sha256) throw new Error(`${where}: sha256 ${digest} does not match its manifest`);
    const session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
    const input = session.inputMetadata.find((meta) => meta.name === manifest.input.name);
    if (!input?.isTensor || !FLOAT_TYPES.includes(input.type as FloatType))
      throw new Error(`${where}: input ${manifest.input.name} must be a float32 or float64 tensor`);
    const width = input.shape.at(-1);
    if (input.shape.length !== 2 || (typeof width === 'number' && width !== manifest.input.columns.length))
      throw new Error(`${where}: input ${input.name} must have shape [N, ${manifest.input.columns.length}]`);
    for (const output of Object.values(manifest.outputs))
      if (!session.outputNames.includes(output)) throw new Error(`${where}: has no output ${output}`);
    const model = new Model(manifest, session, input.type as FloatType);
    await model.run(new Array(manifest.input.columns.length).fill(0), 1, () => 'warm-up'); // first run allocates
    return model;
  }

  /** Runs `rows` rows of row-major `values` and returns the requested outputs (all by default). */
  async run(values: ArrayLike<number>, rows: number, locate: Locate, outputs = this.session.outputNames) {
    const data = toTypedArray(values, this.inputType, locate);
    const feeds = {
      [this.manifest.input.name]: new ort.Tensor(this.inputType, data, [rows, this.columns.length]),
    };
    const results = await this.session.run(feeds, outputs as string[]);
    return outputs.map((name): OutputTensor => {
      const tensor = results[name] as ort.Tensor;
      return {
        name,
        datatype: toDatatype(tensor.type),
        shape: [...tensor.dims],
        data: toJsonData(tensor.data),
      };
    });
  }

  /** The class label of each row (values in column order), for the original API and KServe V1; `locate`
   * names a value in the request, for error messages. */
  async labels(rows: readonly (readonly number[])[], locate: (row: number, column: number) => string) {
    const width = this.columns.length;
    const [label] = await this.run(
      rows.flat(),
      rows.length,
      (i) => locate(Math.floor(i / width), i % width),
      [this.manifest.outputs.label],
    );
    return (label as OutputTensor).data;
  }
}
