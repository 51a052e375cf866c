import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { parse } from './validate';

/** `models/<name>/manifest.json`: what the core needs to know beyond the ONNX file itself. */
export const Manifest = z.strictObject({
  // A URL path segment: V1 paths end in `<name>:predict`, so no ':' or '/'.
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"')),
  version: z.string().check(z.regex(/^[A-Za-z0-9._-]+$/)),
  description: z.optional(z.string()),
  // A bare file name beside the manifest: every packager ships `models/*/manifest.json` and `models/*/*.onnx`.
  file: z.string().check(z.regex(/^[^/\\]+\.onnx$/, 'an .onnx file name in the model folder')),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  input: z.strictObject({ name: z.string(), columns: z.array(z.string()).check(z.minLength(1)) }),
  outputs: z.strictObject({ label: z.string(), probabilities: z.string() }),
  classes: z.array(z.union([z.number(), z.string()])).check(z.minLength(2)),
});
export type Manifest = z.infer<typeof Manifest>;

export interface ManifestFile {
  dir: string;
  manifest: Manifest;
}

/** Reads every `<dir>/<name>/manifest.json`, sorted by folder name; a bad manifest stops start-up. */
export function readManifests(modelsDir: string): ManifestFile[] {
  const folders = readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return folders.flatMap((folder) => {
    const dir = join(modelsDir, folder);
    let text: string;
    try {
      text = readFileSync(join(dir, 'manifest.json'), 'utf8');
    } catch {
      return []; // a folder without a manifest is not a model
    }
    const where = `${folder}/manifest.json`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
    const manifest = parse(Manifest, json, where);
    if (manifest.name !== folder) throw new Error(`${folder}/manifest.json: name must equal its folder`);
    return [{ dir, manifest }];
  });
}
