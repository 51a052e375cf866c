import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');
export const GCP_DIST = join(ROOT, 'dist/gcp');

/**
 * Bundles the Cloud Functions entry into dist/gcp/index.js, the module `functions-framework
 * --source=dist/gcp` loads. The models are not copied: the core walks up to the repo's models/ (or reads
 * MODELFN_MODELS_DIR); a deploy source folder puts models/ beside index.js.
 */
export async function buildGcp(): Promise<void> {
  rmSync(GCP_DIST, { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, 'gcp/index.ts')],
    outfile: join(GCP_DIST, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // onnxruntime-node loads .node binaries. The framework must stay one shared module: `functions.http`
    // registers into its module-level registry, which the CLI that loads this bundle then reads.
    external: ['onnxruntime-node', '@google-cloud/functions-framework'],
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildGcp().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
