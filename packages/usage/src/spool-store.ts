import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsageBatch } from './usage-event.js';
import { usageBatchSchema } from './usage-event.js';

const spoolSuffix = '.jsonl';
const temporarySuffix = '.tmp';

/** A spool file whose content cannot be read back as usage batches; kept aside, never deleted. */
export class CorruptSpoolFileError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`corrupt usage spool file ${file}`, { cause });
    this.name = 'CorruptSpoolFileError';
  }
}

/**
 * Usage batches on local disk while Redis is unreachable: one JSONL file per spill, one batch per
 * line. A file is written under a temporary name, fsync'd, renamed into place and the directory
 * fsync'd, so a crash leaves either a complete file or none. Names sort by creation time, so
 * replay goes oldest first. One emitter owns a directory; a second reader would only cause
 * duplicate sends, which the queue's job id and the worker's request-id idempotency absorb.
 */
export class SpoolStore {
  private sequence = 0;

  constructor(readonly directory: string) {}

  async ensureDirectory(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
  }

  /** Spool files, oldest first. */
  async list(): Promise<string[]> {
    const names = await readdir(this.directory);
    return names.filter((name) => name.endsWith(spoolSuffix)).sort();
  }

  async write(batches: UsageBatch[]): Promise<string> {
    const name = `${this.nextStem()}${spoolSuffix}`;
    await this.writeAtomically(name, batches);
    return name;
  }

  /** Replaces a file's content with the batches not yet accepted (after a partial replay). */
  async rewrite(name: string, batches: UsageBatch[]): Promise<void> {
    await this.writeAtomically(name, batches);
  }

  async read(name: string): Promise<UsageBatch[]> {
    const text = await readFile(join(this.directory, name), 'utf8');
    try {
      return text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => usageBatchSchema.parse(JSON.parse(line)) as UsageBatch);
    } catch (error) {
      throw new CorruptSpoolFileError(name, error);
    }
  }

  async remove(name: string): Promise<void> {
    await unlink(join(this.directory, name));
    await this.syncDirectory();
  }

  /** Moves an unreadable file out of the replay set so it cannot block the files behind it. */
  async quarantine(name: string): Promise<string> {
    const target = `${name}.corrupt`;
    await rename(join(this.directory, name), join(this.directory, target));
    return target;
  }

  /** Events in all spool files (read once at start-up to report what is waiting). */
  async countEvents(): Promise<number> {
    let count = 0;
    for (const name of await this.list()) {
      try {
        for (const batch of await this.read(name)) count += batch.events.length;
      } catch {
        // Counted when replay reaches it and quarantines it.
      }
    }
    return count;
  }

  private nextStem(): string {
    // Zero-padded time, then a per-process sequence: lexical order is creation order.
    this.sequence += 1;
    const time = Date.now().toString().padStart(15, '0');
    const sequence = this.sequence.toString().padStart(9, '0');
    return `usage-${time}-${sequence}-${randomUUID()}`;
  }

  private async writeAtomically(name: string, batches: UsageBatch[]): Promise<void> {
    const content = batches.map((batch) => `${JSON.stringify(batch)}\n`).join('');
    const temporary = join(this.directory, `${name}-${randomUUID()}${temporarySuffix}`);
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, join(this.directory, name));
    await this.syncDirectory();
  }

  /** Makes the rename or unlink itself durable. */
  private async syncDirectory(): Promise<void> {
    const handle = await open(this.directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
