import { ensureSite } from '../../web/build.ts';

/** Vitest global setup: build web/dist once, so parallel test files never build it at once. */
export default async function setup() {
  await ensureSite();
}
