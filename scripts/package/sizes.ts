import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ROOT } from '../build';
import { type ArtifactFile, totalBytes, zipFiles } from './files';
import { type ArtifactTarget, type Budgets, budgetVariable, LIMITS, MB, readBudgets } from './limits';

/** Relative to the project root when inside it (`artifacts/...`), else absolute. */
const inRoot = (path: string) => {
  const inside = relative(ROOT, resolve(ROOT, path));
  return inside.startsWith('..') ? resolve(ROOT, path) : inside;
};

/** One line of artifacts/sizes.json. */
export interface SizeRow {
  target: ArtifactTarget;
  arch: string;
  /** The artifact, relative to the project root. */
  path: string;
  files: number;
  zippedBytes: number;
  unzippedBytes: number;
  limitZippedBytes: number;
  limitUnzippedBytes: number;
  limitSource: string;
  /** What the unzipped figure counts, when it is more than the artifact's own files. */
  unzippedCounts?: string;
}

/** An unzipped figure that counts more than the artifact's own files, and what it counts. */
export interface Unzipped {
  unzippedBytes?: number;
  unzippedCounts?: string;
}

export function sizeRow(
  target: ArtifactTarget,
  arch: string,
  artifact: string,
  sizes: { files: ArtifactFile[]; zippedBytes: number } & Unzipped,
): SizeRow {
  const limit = LIMITS[target];
  return {
    target,
    arch,
    path: inRoot(artifact),
    files: sizes.files.length,
    zippedBytes: sizes.zippedBytes,
    unzippedBytes: sizes.unzippedBytes ?? totalBytes(sizes.files),
    limitZippedBytes: limit.zippedBytes,
    limitUnzippedBytes: limit.unzippedBytes,
    limitSource: limit.source,
    ...(sizes.unzippedCounts ? { unzippedCounts: sizes.unzippedCounts } : {}),
  };
}

/** A zip artifact as it stands on disk. */
export function measureZip(
  target: ArtifactTarget,
  arch: string,
  zipFile: string,
  unzipped?: Unzipped,
): SizeRow {
  return sizeRow(target, arch, zipFile, {
    files: zipFiles(zipFile),
    zippedBytes: statSync(zipFile).size,
    ...unzipped,
  });
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * Every way the rows break a provider limit or a user's budget, one message each naming the artifact,
 * the size and the limit. Empty when all fit.
 */
export function checkSizes(rows: SizeRow[], budgets: Budgets = {}): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    for (const kind of ['zipped', 'unzipped'] as const) {
      const size = kind === 'zipped' ? row.zippedBytes : row.unzippedBytes;
      const limit = kind === 'zipped' ? row.limitZippedBytes : row.limitUnzippedBytes;
      const budget = budgets[row.target]?.[kind];
      const name = `${row.target} (${row.path})`;
      if (size > limit)
        problems.push(
          `${name}: ${kind} ${mb(size)} is over the ${kind} limit of ${mb(limit)} (${row.limitSource})`,
        );
      if (budget !== undefined && size > budget)
        problems.push(
          `${name}: ${kind} ${mb(size)} is over the ${kind} budget of ${mb(budget)} (${budgetVariable(row.target, kind)})`,
        );
    }
  }
  return problems;
}

/** The size table: artifact, zipped, unzipped, limit, headroom (the smaller of limit and budget). */
export function formatTable(rows: SizeRow[], budgets: Budgets = {}): string {
  const lines = [['artifact', 'arch', 'files', 'zipped', 'unzipped', 'limit zipped / unzipped', 'headroom']];
  for (const row of rows) {
    const budget = budgets[row.target] ?? {};
    const zippedCap = Math.min(row.limitZippedBytes, budget.zipped ?? Infinity);
    const unzippedCap = Math.min(row.limitUnzippedBytes, budget.unzipped ?? Infinity);
    const limit = (cap: number, own: number) => `${mb(cap)}${cap < own ? ' (budget)' : ''}`;
    lines.push([
      row.path,
      row.arch,
      String(row.files),
      mb(row.zippedBytes),
      `${mb(row.unzippedBytes)}${row.unzippedCounts ? ' *' : ''}`,
      `${limit(zippedCap, row.limitZippedBytes)} / ${limit(unzippedCap, row.limitUnzippedBytes)}`,
      `${mb(zippedCap - row.zippedBytes)} / ${mb(unzippedCap - row.unzippedBytes)}`,
    ]);
  }
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((line) => (line[i] ?? '').length))) ?? [];
  const text = lines.map((line) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  for (const row of rows) if (row.unzippedCounts) text.push(`* ${row.path}: ${row.unzippedCounts}`);
  return text.join('\n');
}

// `tsx scripts/package/sizes.ts [sizes.json]`: checks recorded sizes against the limits and today's budgets.
if (require.main === module) {
  const file =
    process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? resolve(ROOT, 'artifacts/sizes.json');
  const rows: SizeRow[] = JSON.parse(readFileSync(file, 'utf8'));
  const budgets = readBudgets(process.env, process.argv.slice(2));
  console.log(formatTable(rows, budgets));
  const problems = checkSizes(rows, budgets);
  for (const problem of problems) console.error(`over: ${problem}`);
  process.exit(problems.length ? 1 : 0);
}
