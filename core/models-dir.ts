import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the models are: `MODELFN_MODELS_DIR`, else the nearest `models/` folder above this module.
 * Walking up works unchanged from the source tree, a bundle in dist/ or .esbuild/, and an unpacked
 * artifact, whatever the provider's working directory is.
 */
export function findModelsDir(): string {
  if (process.env.MODELFN_MODELS_DIR) return resolve(process.env.MODELFN_MODELS_DIR);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'models');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no models/ folder above ${__dirname}; set MODELFN_MODELS_DIR`);
  }
}
