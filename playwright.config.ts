import { defineConfig } from '@playwright/test'

/** Debian's Chromium (never a downloaded browser: toolchain.md); the bridge is started by fixtures. */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: process.env['CI']
    ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]]
    : 'list',
  // Writing 100,000 files floods the disk; the specs that fsync their results would stall behind it,
  // so the large folder runs alone, after the rest.
  projects: [
    { name: 'app', testIgnore: /large-folder/ },
    { name: 'large-folder', testMatch: /large-folder/, dependencies: ['app'] },
  ],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
})
