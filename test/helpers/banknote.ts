import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './process';

// The data set stays in ../shared (never committed); the expected answers are a committed fixture.
export const DATA_CSV = resolve(ROOT, '../shared/data/banknote/BankNote_Authentication.csv');
export const COLUMNS = ['variance', 'skewness', 'curtosis', 'entropy'] as const;
export const SAMPLE = { variance: 1.2247, skewness: 8.7779, curtosis: -2.2135, entropy: -0.80647 };

/** Feature rows of the data set, in file order. */
export function readRows(): number[][] {
  const [, ...lines] = readFileSync(DATA_CSV, 'utf8').trim().split('\n');
  return lines.map((line) => line.split(',').slice(0, 4).map(Number));
}

export interface Expected {
  labels: number[];
  probabilities: [number, number][];
  boundary: { features: number[]; label: number; probabilities: [number, number] }[];
}

export const readExpected = (name = 'banknote'): Expected =>
  JSON.parse(readFileSync(resolve(ROOT, `test/fixtures/${name}-expected.json`), 'utf8'));

export const named = (row: readonly number[]) =>
  Object.fromEntries(COLUMNS.map((column, i) => [column, row[i]]));
