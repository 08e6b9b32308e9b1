import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (Playwright's own browser download
// is not available on our machines); PLAYWRIGHT_CHROMIUM overrides the path.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

// The portal under test runs on its own in-memory database, never on .data/.
const e2eConfig =
  '--config ../../app-config.yaml --config ../../app-config.demo.yaml --config ../../app-config.e2e.yaml';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  webServer: [
    {
      command: `yarn workspace backend start ${e2eConfig}`,
      url: 'http://localhost:7007/api/process-exceptions/health',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: `yarn workspace app start ${e2eConfig}`,
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  outputDir: '.test-results/e2e',
  projects: [
    { name: 'seed', testMatch: /seed\.setup\.ts/ },
    {
      name: 'chromium',
      use: { browserName: 'chromium', viewport: { width: 1400, height: 1000 } },
      dependencies: ['seed'],
    },
  ],
});
