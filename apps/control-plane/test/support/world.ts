import { Factories } from './factories.js';
import { GraphqlClient } from './graphql-client.js';
import type { TestControlPlane } from './start-test-control-plane.js';

/** Two tenants and one client per role, for role and isolation tests. */
export interface World {
  factories: Factories;
  platform: GraphqlClient;
  /** Tenant admin of tenant A. */
  tenantAdmin: GraphqlClient;
  /** Finance principal limited to tenant A. */
  finance: GraphqlClient;
  tenantA: string;
  tenantB: string;
  /** A global catalog model with a price. */
  modelId: string;
}

export async function createWorld(controlPlane: TestControlPlane): Promise<World> {
  const platform = new GraphqlClient(controlPlane.url, controlPlane.adminToken);
  const factories = new Factories(platform);
  const [tenantA, tenantB, modelId] = [
    await factories.tenant(),
    await factories.tenant(),
    await factories.model(),
  ];
  await factories.price(modelId);
  const tenantAdmin = await factories.principal('TENANT_ADMIN', tenantA);
  const finance = await factories.principal('FINANCE', tenantA);
  return {
    factories,
    platform,
    tenantAdmin: platform.withToken(tenantAdmin.token),
    finance: platform.withToken(finance.token),
    tenantA,
    tenantB,
    modelId,
  };
}
