import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module shared with the scripts; it has no type declarations
import { dataPlaneNodeOptions } from '../../../../scripts/lib/data-plane-node-options.mjs';

describe("the data plane's Node options", () => {
  it('are the ones the Docker image starts it with', () => {
    const dockerfile = readFileSync(
      resolve(import.meta.dirname, '../../../../infra/docker/Dockerfile'),
      'utf8',
    );
    const stage = dockerfile.slice(dockerfile.indexOf('FROM runtime AS data-plane'));
    const stageEnd = stage.indexOf('\nFROM ', 1);
    const dataPlaneStage = stageEnd === -1 ? stage : stage.slice(0, stageEnd);
    expect(dataPlaneStage).toContain(`ENV NODE_OPTIONS=${dataPlaneNodeOptions as string}`);
  });
});
