import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findModelsDir } from '../../core/models-dir';
import { loadStore } from '../../core/store';

// Start-up refuses a broken models folder: the failure belongs to the deploy, not to the first request.
describe('the model store', () => {
  let dir = '';
  const copy = () => {
    dir = mkdtempSync(join(tmpdir(), 'modelfn-store-'));
    cpSync(findModelsDir(), dir, { recursive: true });
    return dir;
  };
  const edit = (model: string, change: (manifest: Record<string, unknown>) => void) => {
    const file = join(dir, model, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    change(manifest);
    writeFileSync(file, JSON.stringify(manifest));
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every model folder and serves banknote by default', async () => {
    const store = await loadStore(copy());
    expect([...store.models.keys()]).toEqual(['banknote', 'banknote-mlp']);
    expect(store.defaultModel.name).toBe('banknote');
    expect((await loadStore(dir, 'banknote-mlp')).defaultModel.name).toBe('banknote-mlp');
  });

  it.each([
    [
      'a file that is not the one its manifest names',
      (m: Record<string, unknown>) => (m.sha256 = '0'.repeat(64)),
      /sha256/,
    ],
    [
      'an input the ONNX file does not have',
      (m: Record<string, unknown>) => (m.input = { name: 'x', columns: ['a'] }),
      /input x/,
    ],
    [
      'an output the ONNX file does not have',
      (m: Record<string, unknown>) => (m.outputs = { label: 'y', probabilities: 'probabilities' }),
      /no output y/,
    ],
    [
      'a manifest field of the wrong type',
      (m: Record<string, unknown>) => (m.classes = 'two'),
      /manifest\.json\.classes/,
    ],
    [
      'a name that is not its folder',
      (m: Record<string, unknown>) => (m.name = 'other'),
      /name must equal its folder/,
    ],
  ])('refuses %s', async (_, change, message) => {
    copy();
    edit('banknote-mlp', change);
    await expect(loadStore(dir)).rejects.toThrow(message);
  });

  it('refuses a default model it does not have', async () => {
    await expect(loadStore(copy(), 'nope')).rejects.toThrow(/default model "nope"/);
  });
});
