// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm).
//
// The Prisma CLI only drives a native schema-engine binary, which it downloads on first use;
// our machines cannot download it. The WebAssembly build is the same engine and takes a
// driver adapter instead of a URL. Its package only exports the JS glue
// (`./schema_engine_bg`), so we instantiate the .wasm that sits next to it ourselves.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * State shared by every copy of this module in the process. Test runners may load this file
 * more than once (one module graph per project), but the wasm-bindgen glue above is a single
 * native module: a second instantiation would re-point it at another memory under the first.
 * So the instance and the one-engine-at-a-time queue live on globalThis.
 * @type {{ loading: Promise<typeof bindings> | undefined, queue: Promise<void> }}
 */
const shared = /** @type {any} */ (
  globalThis[Symbol.for('switchyard.schema-engine')] ??= {
    loading: undefined,
    queue: Promise.resolve(),
  }
);
/** @type {string | undefined} */
let lastPanicMessage;

/**
 * Runs `work` when no other engine call is in flight in this process: the WebAssembly instance
 * is not re-entrant, and two engines at once corrupt its memory.
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function runExclusively(work) {
  const previous = shared.queue;
  /** @type {() => void} */
  let release = () => {};
  shared.queue = new Promise((resolve) => (release = resolve));
  await previous;
  try {
    return await work();
  } finally {
    release();
  }
}

// The engine reports Rust panics through this global; without it a panic surfaces as a bare
// "RuntimeError: unreachable". A panic inside an async engine call is thrown from a microtask
// and crashes the process instead of rejecting the call, so the message is printed right away.
const panicRegistry =
  /** @type {{ PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } }} */ (
    globalThis
  );
panicRegistry.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message) {
    lastPanicMessage = message;
    console.error(`Prisma schema engine (WebAssembly) panicked: ${message}`);
  },
};

/** Instantiates the engine once per process and returns its bindings (SchemaEngine, version). */
export function loadSchemaEngine() {
  shared.loading ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve(
      '@prisma/schema-engine-wasm/schema_engine_bg',
    );
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    /** @type {{ __wbindgen_start(): void }} */ (
      /** @type {unknown} */ (instance.exports)
    ).__wbindgen_start();
    return bindings;
  })();
  shared.loading.catch(() => {
    shared.loading = undefined;
  });
  return shared.loading;
}

/**
 * After a panic no call into the instance is safe; the next loadSchemaEngine() starts a new one.
 * Returns the panic message when `error` was one.
 * @param {unknown} error
 */
export function takePanic(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return undefined;
  shared.loading = undefined;
  const message = lastPanicMessage ?? error.message;
  lastPanicMessage = undefined;
  return message;
}
