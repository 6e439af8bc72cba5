import { writeFileSync } from 'node:fs';
import { services } from './catalogue.ts';

/** `npm run catalogue`: writes services.json from the catalogue's source (see services.ts). */
const file = new URL('./services.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(services)}\n`);
console.log(`wrote ${services.length} services to shared/data/services.json`);
