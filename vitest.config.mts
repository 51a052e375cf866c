import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Emulator-backed suites start real CLIs; the machine is shared and slow to spawn them.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Native onnxruntime in worker threads is fragile; forks isolate it per file.
    pool: 'forks',
    // One test file at a time: the serving scripts and serverless build into fixed folders (.esbuild/,
    // azure/dist, dist/gcp) that two files running at once would rebuild under each other.
    fileParallelism: false,
  },
});
