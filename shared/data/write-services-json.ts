import { writeFileSync } from 'node:fs';
import { serviceVersion } from '../domain/service-version.ts';
import { openApiDocument } from '../openapi.ts';
import { services } from './catalogue.ts';

/**
 * `npm run catalogue`: writes the files the functions read instead of building them, each
 * checked equal to its source by a test: services.json from the catalogue's source (see
 * services.ts) and openapi.json from the schemas (see openapi-document.ts).
 */
// Each with its version (domain/service-version.ts), so the functions never hash the catalogue.
writeFileSync(
  new URL('./services.json', import.meta.url),
  `${JSON.stringify(services.map((s) => ({ ...s, version: serviceVersion(s) })))}\n`,
);
console.log(`wrote ${services.length} services to shared/data/services.json`);
writeFileSync(new URL('./openapi.json', import.meta.url), `${JSON.stringify(openApiDocument())}\n`);
console.log('wrote the OpenAPI document to shared/data/openapi.json');
