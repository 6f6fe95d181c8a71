/**
 * Redaction applied to prompt and completion bodies before they leave the data plane (only ever
 * when the tenant enabled payload logging). Strings are rewritten; structure is kept so logs
 * stay readable. Patterns are deliberately broad: a false positive costs a log detail, a false
 * negative leaks a secret.
 */
export const defaultRedactionPatterns: readonly { name: string; pattern: RegExp }[] = [
  { name: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  { name: 'card', pattern: /\b(?:\d[ -]?){12,18}\d\b/g },
  { name: 'api-key', pattern: /\b(?:sk|sy|pk|rk)-[A-Za-z0-9_-]{16,}\b/g },
  { name: 'aws-key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'token', pattern: /\b(?:ghp|gho|ghs|xox[abprs])[-_][A-Za-z0-9-]{10,}\b/g },
  { name: 'bearer', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g },
];

/** Returns a deep copy of `value` with every pattern match in its strings replaced. */
export function redactPayload(value: unknown, extraPatterns: readonly RegExp[] = []): unknown {
  if (typeof value === 'string') return redactText(value, extraPatterns);
  if (Array.isArray(value)) return value.map((item) => redactPayload(item, extraPatterns));
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value))
      copy[key] = redactPayload(entry, extraPatterns);
    return copy;
  }
  return value;
}

function redactText(text: string, extraPatterns: readonly RegExp[]): string {
  let result = text;
  for (const { name, pattern } of defaultRedactionPatterns)
    result = result.replace(pattern, `[REDACTED:${name}]`);
  for (const pattern of extraPatterns) result = result.replace(pattern, '[REDACTED]');
  return result;
}
