import { Page } from '@playwright/test';

/** Signs in with the guest provider, as the demo portal offers. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .waitFor({ state: 'attached' });
}

export const SCREENSHOTS = '.test-results/screenshots';
