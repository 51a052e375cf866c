import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instructions } from '../../scripts/package/dockerfile';
import { ROOT } from '../helpers/process';

// `npm run package` runs the context's Dockerfile (server/Dockerfile) without Docker; the root Dockerfile,
// which Docker alone builds, must install, run and probe the app the same way.
const context = readFileSync(join(ROOT, 'server/Dockerfile'), 'utf8');
const root = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

describe('the root Dockerfile matches the smoke-tested context Dockerfile', () => {
  it.each(['ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'CMD'])('%s', (kind) => {
    expect(instructions(root, kind)).toEqual(instructions(context, kind));
    expect(instructions(context, kind)).not.toEqual([]);
  });

  it('installs the production dependencies with the same command, the last RUN', () => {
    expect(instructions(root, 'RUN').at(-1)).toBe(instructions(context, 'RUN').at(-1));
  });

  it('builds linux/x64 images from node:20-bookworm-slim', () => {
    for (const file of [root, context])
      for (const from of instructions(file, 'FROM'))
        expect(from).toMatch(/^--platform=linux\/amd64 node:20-bookworm-slim\b/);
  });
});
