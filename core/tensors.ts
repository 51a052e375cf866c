import { badRequest } from './errors';

/** Open Inference Protocol datatype names for onnxruntime's tensor element types. */
const DATATYPES: Record<string, string> = {
  bool: 'BOOL',
  uint8: 'UINT8',
  uint16: 'UINT16',
  uint32: 'UINT32',
  uint64: 'UINT64',
  int8: 'INT8',
  int16: 'INT16',
  int32: 'INT32',
  int64: 'INT64',
  float16: 'FP16',
  float32: 'FP32',
  float64: 'FP64',
  string: 'BYTES',
};

export const toDatatype = (ortType: string): string => DATATYPES[ortType] ?? ortType.toUpperCase();

/** The input element types the core can feed from JSON numbers. */
export type FloatType = 'float32' | 'float64';
export const FLOAT_TYPES: readonly FloatType[] = ['float32', 'float64'];
export const ACCEPTED_DATATYPES = ['FP32', 'FP64'] as const;

/** Names the request field behind the i-th flat value, for error messages. */
export type Locate = (index: number) => string;

const FP32_MAX = 3.4028234663852886e38;

/**
 * Copies validated JSON numbers into the model's input type. A value that a float32 input cannot hold
 * is a client error rather than a silent Infinity.
 */
export function toTypedArray(values: ArrayLike<number>, type: FloatType, locate: Locate) {
  if (type === 'float64') return Float64Array.from(values);
  if (values instanceof Float32Array) return values; // already float32, and so in range
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Math.abs(v) > FP32_MAX) throw badRequest(`${locate(i)}: ${v} overflows FP32`);
    out[i] = v;
  }
  return out;
}

/** JSON-safe copy of an output tensor's data: int64 arrives as BigInt, which JSON cannot carry. */
export function toJsonData(data: unknown): number[] | string[] | boolean[] {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, Number);
  if (ArrayBuffer.isView(data)) return Array.from(data as unknown as ArrayLike<number>);
  return data as string[];
}

/**
 * Flattens `data` (flat, or nested exactly as `shape`) into row-major numbers, checking that every element
 * is a finite number and that the count matches the shape.
 */
export function flattenData(data: unknown, shape: readonly number[], where: string): number[] {
  if (!Array.isArray(data)) throw badRequest(`${where}: expected an array, got ${describe(data)}`);
  const out: number[] = [];
  const leaf = (value: unknown, path: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw badRequest(`${path}: expected a finite number, got ${describe(value)}`);
    out.push(value);
  };
  const walk = (value: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      leaf(value, path);
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth])
      throw badRequest(`${path}: expected ${shape[depth]} elements at this depth of shape [${shape}]`);
    for (const [i, item] of value.entries()) walk(item, depth + 1, `${path}[${i}]`);
  };
  if (data.some(Array.isArray)) walk(data, 0, where);
  else for (const [i, item] of data.entries()) leaf(item, `${where}[${i}]`);
  const expected = shape.reduce((a, b) => a * b, 1);
  if (out.length !== expected)
    throw badRequest(`${where}: has ${out.length} values, shape [${shape}] needs ${expected}`);
  return out;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return String(value);
  return typeof value;
}
