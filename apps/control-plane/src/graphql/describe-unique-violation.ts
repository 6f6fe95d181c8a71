/**
 * Recognises a unique-constraint violation raised by the Prisma client (code P2002) without
 * importing Prisma (only @switchyard/db may), so a duplicate name becomes a CONFLICT error that
 * names the field instead of an internal error.
 */
export function describeUniqueViolation(
  error: Error,
): { message: string; field?: string } | undefined {
  const candidate = error as Error & { code?: unknown; meta?: Record<string, unknown> };
  if (candidate.code !== 'P2002') return undefined;
  const fields = uniqueFields(candidate.meta);
  const field =
    fields.filter((name) => name !== 'tenantId' && name !== 'tenant_id').join(', ') || undefined;
  return {
    message: field
      ? `Another record already uses this ${field}; choose a different value.`
      : 'A record with the same unique values already exists.',
    field,
  };
}

function uniqueFields(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  if (Array.isArray(meta.target)) return meta.target.map(String);
  // Prisma 7 with driver adapters nests the constraint under driverAdapterError.cause.
  const adapterError = meta.driverAdapterError as
    { cause?: { constraint?: { fields?: unknown } } } | undefined;
  const fields = adapterError?.cause?.constraint?.fields;
  return Array.isArray(fields) ? fields.map((name) => String(name).replaceAll('"', '')) : [];
}
