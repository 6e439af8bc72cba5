/**
 * Builds a schema at module load, exactly like a plain `const X = z.object(…)`. Called as
 * `/* @__PURE__ *\/ schema(() => …)`, the build is free of side effects as far as esbuild can
 * tell (a plain zod chain is not: it calls methods), so every function's bundle drops the
 * schemas it never uses (views and stored shapes most handlers know only as types) and its
 * cold start does not build them.
 */
export function schema<T>(build: () => T): T {
  return build();
}
