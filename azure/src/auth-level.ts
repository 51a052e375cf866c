const levels = ['anonymous', 'function', 'admin'] as const;
export type AuthLevel = (typeof levels)[number];

/**
 * The key a deployed function demands: `function` unless the `MODELFN_AZURE_AUTH_LEVEL` app setting
 * says otherwise. A typo fails start-up instead of silently changing who may call the model.
 */
export function authLevel(setting: string | undefined = process.env.MODELFN_AZURE_AUTH_LEVEL): AuthLevel {
  if (setting === undefined || setting === '') return 'function';
  const level = levels.find((candidate) => candidate === setting);
  if (!level)
    throw new Error(`MODELFN_AZURE_AUTH_LEVEL must be one of ${levels.join(', ')}; got "${setting}"`);
  return level;
}
