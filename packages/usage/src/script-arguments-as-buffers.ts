import { Command } from 'ioredis';

/** Script arguments at least this long (UTF-16 code units) are handed to ioredis as Buffers. */
export const largeScriptArgumentLength = 16 * 1024;

let installed = false;

/**
 * Makes ioredis send long string arguments of EVAL/EVALSHA (BullMQ's job scripts carry each job's
 * JSON as one) as UTF-8 Buffers: the same bytes on the wire, but measured here, a long *string*
 * argument stays reachable inside ioredis past two young-generation collections, so V8 promotes
 * every batch's JSON to the old generation (~800 B per usage event; at 1,000 req/s one full
 * collection every ~7 s, the last source of the data plane's p99 tail). As a Buffer it dies
 * young. Process-wide (ioredis' transformers are global) and idempotent; short arguments, such
 * as the admission script's, are left as they are.
 */
export function sendLargeScriptArgumentsAsBuffers(): void {
  if (installed) return;
  installed = true;
  const toBuffers = (args: unknown[]): unknown[] =>
    args.map((argument) =>
      typeof argument === 'string' && argument.length >= largeScriptArgumentLength
        ? Buffer.from(argument, 'utf8')
        : argument,
    );
  Command.setArgumentTransformer('eval', toBuffers);
  Command.setArgumentTransformer('evalsha', toBuffers);
}
