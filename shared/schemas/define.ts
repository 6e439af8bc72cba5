// Every schema module comes through here: zod's English messages are installed before any is built.
import './mini-english.ts';

/**
 * Defines a schema that is built on first use, not at module load. Called as
 * `/* @__PURE__ *\/ schema(() => …)`:
 * - esbuild may drop a schema a bundle never names (a plain zod chain calls methods, so it
 *   would have to keep it), so handlers that know a shape only as a type never carry it;
 * - a schema a bundle does carry is built, with the schemas it contains, the first time
 *   anything touches it (`.safeParse`, a property, composition into another schema). A
 *   function's cold start builds none; its first request builds those its route uses.
 *
 * The value is a transparent stand-in for the built schema: every property read, `in`,
 * `instanceof` and key listing goes to the built schema, and zod's methods are bound to it, so
 * validation and the inferred type are exactly the zod schema's. Only identity differs: the
 * stand-in is not `===` the built schema (nothing in OSS compares schemas by identity).
 */
export function schema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy(Object.create(null) as T, {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    ownKeys: () => Reflect.ownKeys(real()),
    // Reported configurable: the stand-in's own (empty) target cannot back a fixed property.
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(real(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
  });
}
