import type { RoutingPolicyDocument, RoutingRule, RuleConditions } from '@switchyard/policy';

/**
 * A small, pure rule matcher for the dry-run query: it explains which rule of a policy would
 * decide a sample request and why the others did not. The data plane has its own evaluator on
 * the hot path; this one favours explanations over speed.
 */

export interface SampleRequest {
  model: string;
  promptTokens?: number | undefined;
  features?: Partial<Record<'tools' | 'images' | 'jsonOutput' | 'streaming', boolean>> | undefined;
  tags?: Record<string, string> | undefined;
  /** Header names are compared lower-case, as the data plane sees them. */
  headers?: Record<string, string> | undefined;
  apiKeyId?: string | undefined;
  user?: string | undefined;
}

export interface RuleEvaluation {
  rule: RoutingRule;
  matched: boolean;
  /** One sentence per condition that did not hold. */
  failedConditions: string[];
}

export interface MatchResult {
  /** The first rule whose conditions all hold; null means the model's own deployments serve it. */
  matchedRule: RoutingRule | null;
  evaluations: RuleEvaluation[];
}

function lowerCaseKeys(record: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

/** Lists the conditions of `when` that `sample` fails; empty means the rule matches. */
export function failedConditions(when: RuleConditions, sample: SampleRequest): string[] {
  const failures: string[] = [];
  if (when.models && !when.models.includes(sample.model)) {
    failures.push(`model '${sample.model}' is not one of ${when.models.join(', ')}`);
  }
  if (when.promptTokens) {
    const { min, max } = when.promptTokens;
    if (sample.promptTokens === undefined) {
      failures.push('rule needs promptTokens but the sample gives none');
    } else if (
      (min !== undefined && sample.promptTokens < min) ||
      (max !== undefined && sample.promptTokens > max)
    ) {
      failures.push(`promptTokens ${sample.promptTokens} is outside ${min ?? 0}..${max ?? '∞'}`);
    }
  }
  for (const [feature, wanted] of Object.entries(when.features ?? {})) {
    const present =
      sample.features?.[feature as keyof NonNullable<SampleRequest['features']>] ?? false;
    if (wanted !== undefined && present !== wanted) {
      failures.push(`feature '${feature}' must be ${wanted ? 'present' : 'absent'}`);
    }
  }
  for (const [tag, value] of Object.entries(when.tags ?? {})) {
    if (sample.tags?.[tag] !== value) failures.push(`tag '${tag}' must equal '${value}'`);
  }
  const headers = lowerCaseKeys(sample.headers);
  for (const [name, value] of Object.entries(when.headers ?? {})) {
    if (headers[name.toLowerCase()] !== value)
      failures.push(`header '${name}' must equal '${value}'`);
  }
  if (when.keys && (sample.apiKeyId === undefined || !when.keys.includes(sample.apiKeyId))) {
    failures.push(`API key '${sample.apiKeyId ?? '(none)'}' is not one of the rule's keys`);
  }
  if (when.users && (sample.user === undefined || !when.users.includes(sample.user))) {
    failures.push(`user '${sample.user ?? '(none)'}' is not one of the rule's users`);
  }
  return failures;
}

/** Evaluates every rule in order; the first match decides, as on the data plane. */
export function matchRoutingRules(
  document: RoutingPolicyDocument,
  sample: SampleRequest,
): MatchResult {
  const evaluations = document.rules.map((rule) => {
    const failures = failedConditions(rule.when, sample);
    return { rule, matched: failures.length === 0, failedConditions: failures };
  });
  const matchedRule = evaluations.find((evaluation) => evaluation.matched)?.rule ?? null;
  return { matchedRule, evaluations };
}
