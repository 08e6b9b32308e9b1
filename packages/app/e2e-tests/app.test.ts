import { test, expect } from '@playwright/test';

test('a guest opens a service and sees its Exceptions tab', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  await page.getByRole('link', { name: 'payments-api' }).click();
  await expect(
    page.getByRole('heading', { name: 'payments-api' }),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Exceptions', exact: true }).click();
  await expect(
    page.getByText('No exceptions recorded — the chain is intact'),
  ).toBeVisible();
  await page.screenshot({
    path: '.test-results/screenshots/exceptions-tab.png',
  });
});
