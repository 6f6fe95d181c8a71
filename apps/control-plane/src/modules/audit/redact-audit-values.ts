/**
 * Audit rows must be safe to show any admin: no secrets, no sealed blobs, no key or token hashes.
 * Fields are dropped by name (anywhere in the tree, including user metadata), values are made
 * JSON-safe (Date → ISO text, bigint → decimal text), and updates keep only what changed.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const secretFieldPattern = /secret|ciphertext|hash$|token$|password|authorization|^apiKey$|^key$/i;
/** Bookkeeping that changes on every write and says nothing about the change. */
const ignoredFields = new Set(['updatedAt', 'createdAt']);

export function isSecretField(name: string): boolean {
  return secretFieldPattern.test(name);
}

/** Converts a value to JSON, dropping secret-named fields at every depth. */
export function toRedactedJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (Array.isArray(value)) return value.map(toRedactedJson);
  if (typeof value === 'object') {
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (isSecretField(key) || item === undefined) continue;
      result[key] = toRedactedJson(item);
    }
    return result;
  }
  return null;
}

function topLevel(value: object | null | undefined): JsonObject | null {
  if (!value) return null;
  const json = toRedactedJson(value);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  for (const field of ignoredFields) delete json[field];
  return json;
}

/** Before/after of one change: whole rows for create and delete, changed fields for updates. */
export function auditDiff(
  before: object | null | undefined,
  after: object | null | undefined,
): { before: JsonObject | null; after: JsonObject | null } {
  const previous = topLevel(before);
  const next = topLevel(after);
  if (!previous || !next) return { before: previous, after: next };
  const changedBefore: JsonObject = {};
  const changedAfter: JsonObject = {};
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const old = previous[key] ?? null;
    const now = next[key] ?? null;
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changedBefore[key] = old;
    changedAfter[key] = now;
  }
  return { before: changedBefore, after: changedAfter };
}
