import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError } from '../../graphql/api-errors.js';
import type { ControlPlaneConfig } from '../../infra/config.js';
import { CONTROL_PLANE_CONFIG } from '../../infra/tokens.js';
import { checkUpstreamUrl, resolveWithDns, UpstreamAllowlist } from './check-upstream-url.js';

/** Applies the SSRF rules of check-upstream-url.ts with the platform's allowlist. */
@Injectable()
export class UpstreamUrlGuard {
  private readonly allowlist: UpstreamAllowlist;

  constructor(@Inject(CONTROL_PLANE_CONFIG) config: ControlPlaneConfig) {
    this.allowlist = new UpstreamAllowlist(config.allowPrivateUpstreams);
  }

  /** Throws BAD_USER_INPUT on `field` when the URL may not be used as an upstream. */
  async assertAllowed(url: string, field: string): Promise<void> {
    const problem = await checkUpstreamUrl(url, this.allowlist, resolveWithDns);
    if (problem) throw BadUserInputError.field(field, problem);
  }
}
