import { cpSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');
export const AZURE_DIST = join(ROOT, 'azure/dist');

/**
 * Bundles the Azure entry into azure/dist/functions.js (what azure/package.json `main` names) and
 * copies the model files beside it: the core finds the nearest models/ above the bundle, so azure/
 * deploys on its own.
 */
export async function buildAzure(): Promise<void> {
  rmSync(AZURE_DIST, { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, 'azure/src/functions.ts')],
    outfile: join(AZURE_DIST, 'functions.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // onnxruntime-node loads .node binaries; @azure/functions-core is injected by the Functions worker.
    external: ['onnxruntime-node', '@azure/functions-core'],
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'models'), join(AZURE_DIST, 'models'), {
    recursive: true,
    // Manifests and ONNX files only: the build and verify scripts next to them are not runtime files.
    filter: (source) => statSync(source).isDirectory() || /\.(json|onnx)$/.test(source),
  });
}

if (require.main === module) {
  buildAzure().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
