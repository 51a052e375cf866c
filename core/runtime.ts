import { createApp } from './app';
import { findModelsDir } from './models-dir';
import { loadStore } from './store';

/**
 * The process-wide app every adapter serves. Loading starts when this module is imported, i.e. in a
 * function's init phase, so a warm invocation only predicts. A model that fails to load rejects this
 * promise, which fails start-up rather than the first request.
 */
export const app = Promise.resolve()
  .then(() => loadStore(findModelsDir(), process.env.MODELFN_DEFAULT_MODEL || undefined))
  .then(createApp);
