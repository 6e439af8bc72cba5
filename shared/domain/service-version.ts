import type { Service } from '../schemas/catalogue.ts';
import { canonicalJson, sha256Hex } from './secure-tokens.ts';

/**
 * A service as `services.json` holds it: with its version, worked out by `npm run catalogue` when
 * the file was written (and checked against the authored catalogue by a test), so no function
 * hashes the catalogue while it serves it, nor loads node:crypto to do so.
 */
export type VersionedService = Service & { readonly version?: string };

/**
 * The catalogue version of a service: a hash of its whole definition, recorded on each request so
 * a later change to the service (fields, documents, deadline) is visible and never re-judges what
 * was filed before it.
 */
const versions = new WeakMap<Service, string>();
export function serviceVersion(service: VersionedService): string {
  if (service.version !== undefined) return service.version;
  let v = versions.get(service);
  if (!v) {
    v = sha256Hex(canonicalJson(service)).slice(0, 12);
    versions.set(service, v);
  }
  return v;
}
