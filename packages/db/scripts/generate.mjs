// Generates the Prisma client into packages/db/src/generated from the repo-root schema.
//
// Why a script instead of `prisma generate` in package.json: the Prisma 7 CLI insists on a
// native schema-engine binary before it runs `generate`, and that binary cannot be downloaded
// on our build machines. `generate` never executes it (the client is Rust-free), so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing executable (node itself) satisfies the check.
// Migrations use the WebAssembly engine instead (prisma/migration-engine.mjs).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

const result = spawnSync(
  process.execPath,
  [prismaCli, 'generate', '--config', join(repoRoot, 'prisma.config.ts')],
  {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      // No update check or telemetry: the machines have no internet besides the registries.
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  },
);

if (result.error) {
  console.error(`prisma generate could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
