import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, MB, readBudgets } from '../../scripts/package/limits';
import { checkSizes, measureZip, type SizeRow } from '../../scripts/package/sizes';
import { run } from '../helpers/process';

const tsx = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run('node_modules/.bin/tsx', args, { env, timeoutMs: 120_000 });

/*
 * The size gate on a real artifact: `npm run package` builds the Google source archive (the one artifact
 * it makes without serverless or a smoke test) into a temporary folder, then a lowered budget and a copy
 * padded past the provider limit must each fail, naming the artifact and the limit.
 */
describe('size gate', () => {
  let out = '';
  let archive = '';

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'modelfn-gate-'));
    archive = join(out, 'gcp-source.zip');
    const built = await tsx(['scripts/package.ts', '--only=gcp-functions', '--no-smoke', `--out=${out}`]);
    expect(built.stderr + built.stdout).toMatch(/wrote .*sizes\.json/);
    expect(built.code).toBe(0);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes sizes.json rows with the artifact, its sizes and its limits', () => {
    const rows: SizeRow[] = JSON.parse(readFileSync(join(out, 'sizes.json'), 'utf8'));
    expect(rows).toEqual([
      expect.objectContaining({
        target: 'gcp-functions',
        path: archive,
        zippedBytes: readFileSync(archive).length,
        unzippedBytes: expect.any(Number),
        limitZippedBytes: 100 * MB,
        limitUnzippedBytes: 500 * MB,
      }),
    ]);
    expect(checkSizes(rows)).toEqual([]);
  });

  it('fails `npm run package` when the artifact is over a budget the user sets, naming both', async () => {
    const flag = await tsx([
      'scripts/package.ts',
      '--only=gcp-functions',
      '--no-smoke',
      `--out=${out}`,
      '--budget-gcp-zipped-mb=0.01',
    ]);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain(`gcp-functions (${archive}): zipped `);
    expect(flag.stderr).toMatch(/MB is over the zipped budget of 0\.0 MB \(MODELFN_BUDGET_GCP_ZIPPED_MB\)/);
    const env = await tsx(['scripts/package/sizes.ts', join(out, 'sizes.json')], {
      MODELFN_BUDGET_GCP_UNZIPPED_MB: '0.01',
    });
    expect(env.code).toBe(1);
    expect(env.stderr).toMatch(
      /gcp-functions \(.*gcp-source\.zip\): unzipped [\d.]+ MB is over the unzipped budget of 0\.0 MB/,
    );
  });

  it('fails when a copy of the artifact is pushed over the provider limit', async () => {
    // Incompressible padding, stored: the copy's zipped size passes gen1's 100 MB.
    const padded = join(out, 'gcp-source-padded.zip');
    copyFileSync(archive, padded);
    const zip = new AdmZip(padded);
    zip.addFile('padding.bin', randomBytes(LIMITS['gcp-functions'].zippedBytes));
    const entry = zip.getEntry('padding.bin');
    if (entry) entry.header.method = 0;
    zip.writeZip(padded);

    const row = measureZip('gcp-functions', 'x64', padded);
    expect(row.zippedBytes).toBeGreaterThan(100 * MB);
    const problems = checkSizes([row]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/zipped 100\.\d MB is over the zipped limit of 100\.0 MB/);
    expect(problems[0]).toContain(`gcp-functions (${padded})`);
    expect(problems[0]).toContain('https://cloud.google.com/functions/quotas');

    writeFileSync(join(out, 'padded.json'), JSON.stringify([row]));
    const gate = await tsx(['scripts/package/sizes.ts', join(out, 'padded.json')]);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain(`over: ${problems[0]}`);
  });
});

describe('readBudgets', () => {
  it('reads MB from the environment and from flags, the flag first', () => {
    const budgets = readBudgets(
      { MODELFN_BUDGET_AWS_ZIPPED_MB: '20', MODELFN_BUDGET_AWS_UNZIPPED_MB: '50' },
      ['--budget-aws-zipped-mb=19', '--budget-container-unzipped-mb=100'],
    );
    expect(budgets).toEqual({
      'aws-lambda': { zipped: 19 * MB, unzipped: 50 * MB },
      container: { unzipped: 100 * MB },
    });
  });

  it('refuses a budget that is not a positive number, and unknown budget flags', () => {
    expect(() => readBudgets({ MODELFN_BUDGET_GCP_ZIPPED_MB: 'ten' })).toThrow(
      /MODELFN_BUDGET_GCP_ZIPPED_MB=ten/,
    );
    expect(() => readBudgets({}, ['--budget-lambda-zipped-mb=1'])).toThrow(/unknown flag --budget-lambda/);
  });

  it('applies to the row of its target only', () => {
    const row = { ...measureRowStub(), target: 'azure-functions' as const };
    expect(checkSizes([row], readBudgets({ MODELFN_BUDGET_AWS_ZIPPED_MB: '1' }))).toEqual([]);
    expect(checkSizes([row], readBudgets({ MODELFN_BUDGET_AZURE_ZIPPED_MB: '1' }))).toHaveLength(1);
  });
});

/** A row of made-up sizes, for what the budget applies to. */
function measureRowStub(): SizeRow {
  return {
    target: 'aws-lambda',
    arch: 'x64',
    path: 'artifacts/x.zip',
    files: 1,
    zippedBytes: 2 * MB,
    unzippedBytes: 4 * MB,
    limitZippedBytes: 50 * MB,
    limitUnzippedBytes: 250 * MB,
    limitSource: 'test',
  };
}
