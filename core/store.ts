import { notFound } from './errors';
import { readManifests } from './manifest';
import { Model } from './model';

export interface ModelStore {
  readonly models: ReadonlyMap<string, Model>;
  readonly defaultModel: Model;
  /** The named model (and version, when given), or a 404. */
  get(name: string, version?: string): Model;
}

/** Loads every model under `modelsDir`; `defaultName` is what `POST /predict` serves. */
export async function loadStore(modelsDir: string, defaultName = 'banknote'): Promise<ModelStore> {
  const loaded = await Promise.all(readManifests(modelsDir).map((file) => Model.load(file)));
  const models = new Map(loaded.map((model) => [model.name, model]));
  const defaultModel = models.get(defaultName);
  if (!defaultModel) throw new Error(`default model "${defaultName}" is not in ${modelsDir}`);
  return {
    models,
    defaultModel,
    get(name, version) {
      const model = models.get(name);
      if (!model) throw notFound(`model "${name}" not found`);
      if (version !== undefined && version !== model.version)
        throw notFound(`model "${name}" has no version "${version}"`);
      return model;
    },
  };
}
