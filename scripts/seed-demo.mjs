// CLI for the demo seed (used by the Docker migrate job): DATABASE_URL, SWITCHYARD_MASTER_KEYS
// and DEMO_PROVIDER_URL from the environment.
import { seedDemo } from '../prisma/seed.mjs';

for (const variable of ['DATABASE_URL', 'SWITCHYARD_MASTER_KEYS', 'DEMO_PROVIDER_URL']) {
  if (!process.env[variable]) {
    console.error(`${variable} is required for the demo seed`);
    process.exit(1);
  }
}
const result = await seedDemo({
  databaseUrl: process.env.DATABASE_URL,
  masterKeys: process.env.SWITCHYARD_MASTER_KEYS,
  demoProviderUrl: process.env.DEMO_PROVIDER_URL,
  demoApiKey: process.env.SWITCHYARD_DEMO_API_KEY,
});
console.log(result.apiKey ? `Demo API key: ${result.apiKey}` : 'Demo tenant already seeded.');
