// Process entry point. CommonJS on purpose: Node loads a CommonJS entry synchronously, so this
// runs before the ESM loader's first asynchronous file read starts libuv's thread pool, and only
// V8's and Node's own helper threads exist to be lowered (see helper-thread-priority.cts).
import {
  helperThreadNiceFrom,
  lowerHelperThreadPriority,
} from './runtime/helper-thread-priority.cjs';

const nice = helperThreadNiceFrom(process.env.HELPER_THREAD_NICE);
if (nice !== undefined && nice > 0) lowerHelperThreadPriority(nice);
void import('./start-server.js');
