/* eslint-disable no-restricted-imports -- Playwright runs this file in Node */
import { test as setup } from '@playwright/test';
import { execFileSync } from 'child_process';
import path from 'path';

// The demo history goes in through the public API, as in the start command.
setup('post the demo delivery history', async () => {
  setup.setTimeout(300_000);
  execFileSync(
    process.execPath,
    [path.resolve(__dirname, '../../../scripts/seed-demo.js')],
    {
      stdio: 'inherit',
    },
  );
});
