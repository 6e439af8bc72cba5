/**
 * A value made on its first use and kept for the life of the execution environment. Reference
 * data (the catalogue, districts, agencies, holidays) is built this way rather than as a module
 * loads, so a cold start pays only for what its first request looks at.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
