import type { Service } from '../schemas/catalogue.ts';
import { canonicalJson, sha256Hex } from './secure-tokens.ts';

/**
 * The catalogue version of a service: a hash of its whole definition, recorded on each request so
 * a later change to the service (fields, documents, deadline) is visible and never re-judges what
 * was filed before it.
 */
const versions = new WeakMap<Service, string>();
export function serviceVersion(service: Service): string {
  let v = versions.get(service);
  if (!v) {
    v = sha256Hex(canonicalJson(service)).slice(0, 12);
    versions.set(service, v);
  }
  return v;
}
