import { createHash } from 'node:crypto';

/**
 * Redis names shared by the control plane (writer) and data planes (readers). All names start
 * with a caller-chosen prefix so test runs and deployments never collide.
 */
export function snapshotRedisKeys(prefix: string) {
  return {
    /** Integer: the latest published version. */
    current: `${prefix}snapshot:current`,
    /** JSON of one version; old versions expire a while after being superseded. */
    version: (version: number) => `${prefix}snapshot:v:${version}`,
    /** Pub/sub channel carrying the new version number. */
    channel: `${prefix}snapshot:changed`,
    /** Counter used to allocate versions atomically across control-plane replicas. */
    sequence: `${prefix}snapshot:sequence`,
  };
}

/** Stable content hash of a snapshot's JSON text (for change detection and audit). */
export function hashSnapshotText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
