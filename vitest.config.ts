import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start the local stack (emulators + synth); give them room on a shared 2-core box.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The web site is built once, before any test file starts a stack that serves it.
    globalSetup: ['test/support/build-site.ts'],
    // Handler tests mock the SDK, but clients still resolve a region and credentials.
    env: { AWS_REGION: 'ap-southeast-7', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
  },
});
