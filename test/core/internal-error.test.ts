import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../core/app';
import { findModelsDir } from '../../core/models-dir';
import { loadStore } from '../../core/store';
import { SAMPLE } from '../helpers/banknote';

describe('a bug inside the core', () => {
  it('is a JSON 500 that shows neither the message, the stack nor a path', async () => {
    const store = await loadStore(findModelsDir());
    const app = createApp(store);
    // Fault injection: the model fails the way a native error or a bug would.
    vi.spyOn(store.defaultModel, 'labels').mockRejectedValue(
      new Error('boom in /work/main/core/model.ts:42'),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await app.fetch(
      new Request('http://core/predict', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SAMPLE),
      }),
    );
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"error":"internal server error"}');
    expect(logged).toHaveBeenCalledOnce(); // the operator still sees it in the logs
  });
});
