// `npm run up`: the whole platform on one machine with one command. Uses DATABASE_URL and
// REDIS_URL when given; otherwise starts an embedded PostgreSQL and a local redis-server with
// data under .data/. Applies migrations, seeds a demo tenant + key + built-in demo provider,
// starts the apps with prefixed logs, prints how to call the gateway; Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres, startLocalRedis } from './lib/local-services.mjs';
import { assertPortFree } from './lib/ports.mjs';
import { startApp, stopAll, waitForReady } from './lib/processes.mjs';
import { withDataPlaneNodeOptions } from './lib/data-plane-node-options.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const dataDir = resolve(root, process.env.SWITCHYARD_DATA_DIR ?? '.data');

function port(variable, fallback) {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 65535) {
    throw new Error(`${variable} must be a port number between 1 and 65535 (got '${value}')`);
  }
  return number;
}

/** Master keys seal provider credentials; generated once and kept in .data when not given. */
function masterKeys() {
  if (process.env.SWITCHYARD_MASTER_KEYS) return process.env.SWITCHYARD_MASTER_KEYS;
  const file = join(dataDir, 'master-keys');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const keys = `local-1:${randomBytes(32).toString('base64')}`;
  writeFileSync(file, keys + '\n', { mode: 0o600 });
  return keys;
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const ports = {
    gateway: port('DATA_PLANE_PORT', 8080),
    controlPlane: port('CONTROL_PLANE_PORT', 8081),
    worker: port('WORKER_PORT', 8082),
    demoProvider: port('DEMO_PROVIDER_PORT', 8079),
    postgres: port('EMBEDDED_POSTGRES_PORT', 5433),
    redis: port('LOCAL_REDIS_PORT', 6380),
  };
  await assertPortFree(ports.gateway, 'DATA_PLANE_PORT');
  await assertPortFree(ports.controlPlane, 'CONTROL_PLANE_PORT');
  await assertPortFree(ports.worker, 'WORKER_PORT');
  await assertPortFree(ports.demoProvider, 'DEMO_PROVIDER_PORT');
  if (!process.env.DATABASE_URL) await assertPortFree(ports.postgres, 'EMBEDDED_POSTGRES_PORT');
  if (!process.env.REDIS_URL) await assertPortFree(ports.redis, 'LOCAL_REDIS_PORT');

  if (process.env.SWITCHYARD_SKIP_BUILD !== 'true') {
    console.log('Building (cached by turbo)…');
    execFileSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    });
  }

  const stops = [];
  const children = [];
  /** Local service processes (redis-server): stopped after the apps, killed if we die. */
  const localServices = [];
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Switchyard…');
    await stopAll(children);
    for (const stop of [...stops].reverse()) {
      await stop().catch((error) => console.error(`while stopping: ${error.message}`));
    }
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // If this process dies without a clean shutdown, leave no orphaned app behind.
  process.on('exit', () => {
    for (const child of [...children, ...localServices]) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      console.log(
        `Starting embedded PostgreSQL on 127.0.0.1:${ports.postgres} (data in ${join(dataDir, 'postgres')})…`,
      );
      const postgres = await startEmbeddedPostgres(dataDir, ports.postgres);
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
    }
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      console.log(
        `Starting redis-server on 127.0.0.1:${ports.redis} (data in ${join(dataDir, 'redis')})…`,
      );
      const redis = await startLocalRedis(dataDir, ports.redis);
      stops.push(redis.stop);
      localServices.push(redis.child);
      redisUrl = redis.url;
    }

    console.log('Applying migrations…');
    const { applyMigrations } = await import('../prisma/migration-engine.mjs');
    await applyMigrations(databaseUrl);

    const keys = masterKeys();
    const demoProviderUrl = `http://127.0.0.1:${ports.demoProvider}/v1`;
    const { seedDemo } = await import('../prisma/seed.mjs');
    const seeded = await seedDemo({
      databaseUrl,
      masterKeys: keys,
      demoProviderUrl,
      demoApiKey: process.env.SWITCHYARD_DEMO_API_KEY,
    });

    const common = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      SWITCHYARD_MASTER_KEYS: keys,
      SWITCHYARD_REDIS_PREFIX: process.env.SWITCHYARD_REDIS_PREFIX ?? 'sy:',
      SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS:
        process.env.SWITCHYARD_ALLOW_PRIVATE_UPSTREAMS ?? '127.0.0.1',
      NODE_ENV: process.env.NODE_ENV ?? 'development',
    };
    const demo = startApp('demo-provider', join(root, 'scripts/demo-provider.mjs'), {
      DEMO_PROVIDER_PORT: String(ports.demoProvider),
    });
    children.push(demo);
    await waitForReady('demo-provider', `${demoProviderUrl}/models`, demo, 30_000, {
      headers: { authorization: 'Bearer demo' },
    });

    const control = startApp('control-plane', join(root, 'apps/control-plane/dist/main.js'), {
      ...common,
      CONTROL_PLANE_PORT: String(ports.controlPlane),
    });
    children.push(control);
    await waitForReady('control-plane', `http://127.0.0.1:${ports.controlPlane}/readyz`, control);

    const worker = startApp('worker', join(root, 'apps/worker/dist/main.js'), {
      ...common,
      WORKER_PORT: String(ports.worker),
    });
    children.push(worker);
    const gateway = startApp('data-plane', join(root, 'apps/data-plane/dist/server.cjs'), {
      ...common,
      DATA_PLANE_PORT: String(ports.gateway),
      USAGE_SPOOL_DIR: join(dataDir, 'usage-spool'),
      NODE_OPTIONS: withDataPlaneNodeOptions(process.env.NODE_OPTIONS),
    });
    children.push(gateway);
    await waitForReady('worker', `http://127.0.0.1:${ports.worker}/readyz`, worker);
    await waitForReady('data-plane', `http://127.0.0.1:${ports.gateway}/readyz`, gateway);

    for (const child of children) {
      child.once('exit', (code) => {
        if (!stopping) {
          console.error(
            `A Switchyard process exited unexpectedly (code ${code}); stopping the rest.`,
          );
          void shutdown(1);
        }
      });
    }
    printWelcome(ports, seeded);
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

function printWelcome(ports, seeded) {
  const gateway = `http://127.0.0.1:${ports.gateway}/v1`;
  const key =
    seeded.apiKey ?? '<the demo key printed on the first run, or set SWITCHYARD_DEMO_API_KEY>';
  console.log(`
Switchyard is up.

  Gateway (OpenAI-compatible):  ${gateway}
  Admin GraphQL:                http://127.0.0.1:${ports.controlPlane}/graphql  (GraphiQL: /graphiql)
  Demo API key:                 ${seeded.apiKey ? key + '   ← shown once; save it' : key}

Try it:

  curl ${gateway}/chat/completions \\
    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\
    -d '{"model":"demo","messages":[{"role":"user","content":"Hello, Switchyard!"}]}'

  // OpenAI SDK (npm i openai)
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${gateway}', apiKey: '${key}' });
  const reply = await client.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'Hello!' }] });
  console.log(reply.choices[0].message.content);

Press Ctrl-C to stop everything.
`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
