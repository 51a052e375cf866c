/**
 * What each artifact must fit in, as data with its source. MB here is the providers' own: 1,048,576 bytes
 * (AWS states its 250 MB as 262,144,000 bytes). See /work/shared/docs/provider-limits.md.
 */
export const MB = 1024 * 1024;

export type ArtifactTarget = 'aws-lambda' | 'azure-functions' | 'gcp-functions' | 'container';

export interface Limit {
  zippedBytes: number;
  unzippedBytes: number;
  /** Where the figures come from; a project budget says so. */
  source: string;
}

export const LIMITS: Record<ArtifactTarget, Limit> = {
  // Direct .zip upload; the unzipped cap counts the function and all its layers.
  'aws-lambda': {
    zippedBytes: 50 * MB,
    unzippedBytes: 250 * MB,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  },
  // Zip deploy publishes no package cap: the project holds Azure to Lambda's limits, one rule for both.
  'azure-functions': {
    zippedBytes: 50 * MB,
    unzippedBytes: 250 * MB,
    source: 'project budget (Azure zip deploy publishes no size limit); Lambda figures',
  },
  // gen1 (gen2 builds a container and has no fixed cap): compressed source, and source + node_modules
  // as Cloud Build installs them.
  'gcp-functions': {
    zippedBytes: 100 * MB,
    unzippedBytes: 500 * MB,
    source: 'https://cloud.google.com/functions/quotas (gen1 deployment size)',
  },
  // The build context zipped, and the image's app layer (context + installed, pruned node_modules).
  container: {
    zippedBytes: 50 * MB,
    unzippedBytes: 250 * MB,
    source: 'project budget (images may be 10 GB); Lambda figures',
  },
};

// MODELFN_BUDGET_AWS_ZIPPED_MB=20, or the flag --budget-aws-zipped-mb=20.
const BUDGET_KEYS: Record<ArtifactTarget, string> = {
  'aws-lambda': 'AWS',
  'azure-functions': 'AZURE',
  'gcp-functions': 'GCP',
  container: 'CONTAINER',
};

export type SizeKind = 'zipped' | 'unzipped';

export const budgetVariable = (target: ArtifactTarget, kind: SizeKind) =>
  `MODELFN_BUDGET_${BUDGET_KEYS[target]}_${kind.toUpperCase()}_MB`;

export type Budget = Partial<Record<SizeKind, number>>;
export type Budgets = Partial<Record<ArtifactTarget, Budget>>;

/** A user's stricter budgets in bytes, from MODELFN_BUDGET_<TARGET>_<ZIPPED|UNZIPPED>_MB or the flags. */
export function readBudgets(env: NodeJS.ProcessEnv, argv: string[] = []): Budgets {
  const targets = Object.keys(BUDGET_KEYS) as ArtifactTarget[];
  const known = targets.flatMap((target) => [
    budgetVariable(target, 'zipped'),
    budgetVariable(target, 'unzipped'),
  ]);
  const flags = new Map<string, string>();
  for (const arg of argv.filter((a) => a.startsWith('--budget-'))) {
    const [name = '', value = ''] = arg.slice(2).split('=');
    const variable = `MODELFN_${name.toUpperCase().replaceAll('-', '_')}`;
    if (!known.includes(variable))
      throw new Error(
        `unknown flag ${arg}: budgets are --budget-<aws|azure|gcp|container>-<zipped|unzipped>-mb=N`,
      );
    flags.set(variable, value);
  }
  const budgets: Budgets = {};
  for (const target of targets) {
    const budget: Budget = {};
    for (const kind of ['zipped', 'unzipped'] as const) {
      const variable = budgetVariable(target, kind);
      const text = flags.get(variable) ?? env[variable];
      if (text === undefined || text === '') continue;
      const mb = Number(text);
      if (!(mb > 0)) throw new Error(`${variable}=${text}: want a positive number of MB`);
      budget[kind] = Math.round(mb * MB);
    }
    if (Object.keys(budget).length) budgets[target] = budget;
  }
  return budgets;
}
