import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** `models/<name>/manifest.json`: what the core needs to know beyond the ONNX file itself. */
export const Manifest = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
  version: z.string().regex(/^[A-Za-z0-9._-]+$/),
  description: z.string().optional(),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  input: z.strictObject({ name: z.string(), columns: z.array(z.string()).min(1) }),
  outputs: z.strictObject({ label: z.string(), probabilities: z.string() }),
  classes: z.array(z.union([z.number(), z.string()])).min(2),
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
    const parsed = Manifest.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${folder}/manifest.json: ${z.prettifyError(parsed.error)}`);
    if (parsed.data.name !== folder) throw new Error(`${folder}/manifest.json: name must equal its folder`);
    return [{ dir, manifest: parsed.data }];
  });
}
