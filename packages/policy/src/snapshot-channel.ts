import { createHash } from 'node:crypto';

/**
 * Redis names shared by the control plane (writer) and data planes (readers). All names start
 * with a caller-chosen prefix so test runs and deployments never collide.
 */
export function snapshotRedisKeys(prefix: string) {
  return {
    /** Legacy (one full snapshot per version): integer, the latest published version. */
    current: `${prefix}snapshot:current`,
    /** Legacy: JSON of one full snapshot version. */
    version: (version: number) => `${prefix}snapshot:v:${version}`,
    /** Legacy: pub/sub channel carrying the new full-snapshot version number. */
    channel: `${prefix}snapshot:changed`,
    /** Counter used to allocate versions atomically across control-plane replicas. */
    sequence: `${prefix}snapshot:sequence`,
    /** JSON of one base partition version; superseded versions expire. */
    base: (version: number) => `${prefix}snapshot:base:v:${version}`,
    /**
     * JSON of one tenant partition version. The tenant id is a hash tag, so on a Redis cluster
     * all of a tenant's versions live in one slot.
     */
    tenant: (tenantId: string, version: number) =>
      `${prefix}snapshot:tenant:{${tenantId}}:v:${version}`,
    /**
     * Hash: `version` (manifest version), `base` (base partition version) and `t:<tenantId>` (a
     * tenant partition version; negative once the tenant was removed, so an older publish
     * cannot bring it back).
     */
    manifest: `${prefix}snapshot:manifest`,
    /** Pub/sub channel carrying a `SnapshotChange` (JSON) per manifest version. */
    manifestChannel: `${prefix}snapshot:manifest:changed`,
  };
}

/** Stable content hash of a snapshot's JSON text (for change detection and audit). */
export function hashSnapshotText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
