/**
 * Node/V8 options the data plane runs with: the Docker image (infra/docker/Dockerfile sets the
 * same, checked by a test), `npm run up` and the benchmarks. V8 can only take them at start, so
 * they travel in NODE_OPTIONS.
 *
 * --max-semi-space-size=8: V8 lets each young-generation semi-space grow to 16 MB under load;
 * 8 MB keeps ~15 MB less resident for ~2 % more CPU per request (bench:compare, paired), now that
 * a request leaves almost nothing that survives two scavenges.
 */
export const dataPlaneNodeOptions = '--max-semi-space-size=8';

/** `existing` NODE_OPTIONS (the caller's own) followed by the data plane's. */
export function withDataPlaneNodeOptions(existing) {
  return [existing, dataPlaneNodeOptions].filter(Boolean).join(' ');
}
