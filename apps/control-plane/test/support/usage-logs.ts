import type { Database } from '@switchyard/db';

/** A request_logs row as the worker writes it (the fields reports read). */
export interface SeedLog {
  id: string;
  tenantId: string;
  apiKeyId: string | null;
  endUser: string | null;
  tags: string[];
  requestedModel: string;
  servedModel: string | null;
  provider: string | null;
  status: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costNanoUsd: bigint;
  createdAt: Date;
}

export type Dimension = 'TENANT' | 'API_KEY' | 'USER' | 'MODEL' | 'PROVIDER' | 'TAG' | 'DAY';

export interface Sums {
  requests: bigint;
  errors: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  reasoningTokens: bigint;
  costNanoUsd: bigint;
}

/** Users that exercise CSV quoting and formula defusing. */
const users = ['alice', 'bob', 'carol, "the boss"', '=HYPERLINK("http://x")', 'dave\nnext line'];
const tagSets = [
  [],
  ['team=search'],
  ['team=ads', 'feature=chat'],
  ['feature=chat', 'feature=chat'],
  [],
  ['team=search', 'feature=chat', 'env=prod'],
  ['env=prod'],
];
const models = [
  { requested: 'gpt-4o', served: 'gpt-4o-2024-08-06', provider: 'openai' },
  { requested: 'claude', served: 'claude-sonnet-4-20250514', provider: 'anthropic' },
  { requested: 'fast', served: 'gemini-2.5-flash', provider: 'gemini' },
  { requested: 'gpt-4o', served: 'gpt-4o-2024-08-06', provider: 'azure-openai' },
];

/** Deterministic costs, some above 2^53, so float arithmetic anywhere would show. */
function costFor(index: number): bigint {
  const base = BigInt((index * 2_654_435_761) % 1_000_003);
  return index % 97 === 3 ? 9_007_199_254_740_993n + base : base * 1_000n + BigInt(index % 7);
}

export interface MakeLogsOptions {
  prefix: string;
  tenants: Array<{ id: string; keys: string[] }>;
  count: number;
  start: Date;
  spanMinutes: number;
}

/** `count` requests spread over the span, cycling every dimension with different periods. */
export function makeLogs(options: MakeLogsOptions): SeedLog[] {
  return Array.from({ length: options.count }, (_, index) => {
    const tenant = options.tenants[index % options.tenants.length]!;
    const model = models[index % models.length]!;
    const failed = index % 9 === 0;
    const unserved = failed && index % 2 === 0;
    return {
      id: `${options.prefix}-${index}`,
      tenantId: tenant.id,
      apiKeyId: index % 5 === 0 ? null : (tenant.keys[index % tenant.keys.length] ?? null),
      endUser: index % 6 === 0 ? null : users[index % users.length]!,
      tags: tagSets[index % tagSets.length]!,
      requestedModel: model.requested,
      servedModel: unserved ? null : model.served,
      provider: unserved ? null : model.provider,
      status: failed ? 502 : 200,
      inputTokens: failed ? 0 : 1_000 + index,
      outputTokens: failed ? 0 : 100 + (index % 13),
      cacheReadTokens: index % 11,
      cacheWriteTokens: index % 3,
      reasoningTokens: index % 17,
      costNanoUsd: failed ? 0n : costFor(index),
      createdAt: new Date(
        options.start.getTime() + ((index * 104_729) % options.spanMinutes) * 60_000,
      ),
    };
  });
}

export async function insertLogs(db: Database, logs: readonly SeedLog[]): Promise<void> {
  await db.requestLog.createMany({
    data: logs.map((log) => ({ ...log, latencyMs: 100, attempts: 1 })),
  });
}

export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The values a request is counted under for one dimension ('' = none). */
function valuesOf(log: SeedLog, dimension: Dimension, timeZone: string): string[] {
  switch (dimension) {
    case 'TENANT':
      return [log.tenantId];
    case 'API_KEY':
      return [log.apiKeyId ?? ''];
    case 'USER':
      return [log.endUser ?? ''];
    case 'MODEL':
      return [log.servedModel ?? log.requestedModel];
    case 'PROVIDER':
      return [log.provider ?? ''];
    case 'TAG':
      return log.tags.length === 0 ? [''] : [...new Set(log.tags)];
    case 'DAY':
      return [localDay(log.createdAt, timeZone)];
  }
}

export function emptySums(): Sums {
  return {
    requests: 0n,
    errors: 0n,
    inputTokens: 0n,
    outputTokens: 0n,
    cacheReadTokens: 0n,
    cacheWriteTokens: 0n,
    reasoningTokens: 0n,
    costNanoUsd: 0n,
  };
}

export function add(sums: Sums, log: SeedLog): void {
  sums.requests += 1n;
  if (log.status >= 400) sums.errors += 1n;
  sums.inputTokens += BigInt(log.inputTokens);
  sums.outputTokens += BigInt(log.outputTokens);
  sums.cacheReadTokens += BigInt(log.cacheReadTokens);
  sums.cacheWriteTokens += BigInt(log.cacheWriteTokens);
  sums.reasoningTokens += BigInt(log.reasoningTokens);
  sums.costNanoUsd += log.costNanoUsd;
}

/** Independent re-implementation of a grouped report: key = JSON of the values. */
export function expectedGroups(
  logs: readonly SeedLog[],
  groupBy: readonly Dimension[],
  timeZone: string,
): Map<string, Sums> {
  const groups = new Map<string, Sums>();
  for (const log of logs) {
    let keys: string[][] = [[]];
    for (const dimension of groupBy) {
      keys = keys.flatMap((prefix) =>
        valuesOf(log, dimension, timeZone).map((value) => [...prefix, value]),
      );
    }
    for (const key of keys) {
      const id = JSON.stringify(key);
      const sums = groups.get(id) ?? emptySums();
      add(sums, log);
      groups.set(id, sums);
    }
  }
  return groups;
}

export function sumLogs(logs: readonly SeedLog[]): Sums {
  const sums = emptySums();
  for (const log of logs) add(sums, log);
  return sums;
}

/** Metrics as the API returns them (digit strings), for exact comparison. */
export function asMetrics(sums: Sums): Record<keyof Sums, string> {
  return {
    requests: sums.requests.toString(),
    errors: sums.errors.toString(),
    inputTokens: sums.inputTokens.toString(),
    outputTokens: sums.outputTokens.toString(),
    cacheReadTokens: sums.cacheReadTokens.toString(),
    cacheWriteTokens: sums.cacheWriteTokens.toString(),
    reasoningTokens: sums.reasoningTokens.toString(),
    costNanoUsd: sums.costNanoUsd.toString(),
  };
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF) for checking the export. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}
