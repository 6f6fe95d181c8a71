// `npm run db:migrate` must fail fast and name DATABASE_URL when it is missing or unusable,
// instead of surfacing a driver error.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../../scripts/db.mjs', import.meta.url));

async function runCli(args: string[], databaseUrl: string | undefined) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl !== undefined) env.DATABASE_URL = databaseUrl;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('scripts/db.mjs', () => {
  it('names DATABASE_URL when it is not set', async () => {
    const result = await runCli(['migrate'], undefined);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('DATABASE_URL is not set');
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL, without echoing secrets', async () => {
    const notAUrl = await runCli(['migrate'], 'my-secret-password');
    expect(notAUrl.code).not.toBe(0);
    expect(notAUrl.stderr).toContain('DATABASE_URL is not a valid URL');
    expect(notAUrl.stderr).not.toContain('my-secret-password');

    const wrongProtocol = await runCli(['migrate'], 'mysql://root@127.0.0.1/switchyard');
    expect(wrongProtocol.code).not.toBe(0);
    expect(wrongProtocol.stderr).toContain('DATABASE_URL must be a PostgreSQL URL');

    const noDatabase = await runCli(['create', 'x'], 'postgresql://user:hunter2@127.0.0.1:5432');
    expect(noDatabase.code).not.toBe(0);
    expect(noDatabase.stderr).toContain('DATABASE_URL must name a database');
    expect(noDatabase.stderr).not.toContain('hunter2');
  });

  it('rejects an unknown command with the usage text', async () => {
    const result = await runCli(['migrat'], undefined);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "migrat"');
    expect(result.stderr).toContain('Usage: node scripts/db.mjs');
  });
});
