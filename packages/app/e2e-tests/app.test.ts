import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signInAsGuest } from './signIn';

test('a service without exceptions shows the intact chain', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/process-exceptions');
  await page.getByRole('link', { name: 'Exceptions', exact: true }).click();
  await expect(
    page.getByText('No exceptions recorded — the chain is intact'),
  ).toBeVisible();
});

test('a service owner backfills an overdue hotfix', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  // The overview card flags what is overdue now.
  const card = page
    .getByText('Overdue backfills')
    .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]');
  await expect(
    card.getByText('Hotfix for INC-117 on payments-api'),
  ).toBeVisible();
  await expect(card.getByText(/overdue by/)).toBeVisible();
  await card.screenshot({ path: `${SCREENSHOTS}/overdue-card.png` });

  await page.getByRole('link', { name: 'Exceptions', exact: true }).click();
  const row = page.getByRole('row', {
    name: /Hotfix for INC-117 on payments-api/,
  });
  await expect(row.getByText(/overdue by \d+ h/)).toBeVisible();
  await expect(row.getByText('Overdue', { exact: true })).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/exceptions-tab.png`,
    fullPage: true,
  });

  await row.getByText('Hotfix for INC-117 on payments-api').click();
  const drawer = page.getByRole('dialog', {
    name: 'Hotfix for INC-117 on payments-api',
  });
  await expect(
    drawer.getByRole('list', { name: 'Backfill checklist' }),
  ).toBeVisible();
  await expect(
    drawer.getByText('Overdue', { exact: true }).first(),
  ).toBeVisible();

  const markDone = drawer.getByRole('button', { name: /^Mark done: / });
  await expect(markDone).toHaveCount(4);
  for (let left = 4; left > 0; left--) {
    await markDone.first().click();
    const dialog = page.getByRole('dialog', { name: 'Mark task done' });
    await dialog
      .getByLabel(/Evidence link/)
      .fill(`https://tracker.example.com/INC-117/evidence-${left}`);
    await dialog.getByRole('button', { name: 'Mark done' }).click();
    await expect(dialog).toBeHidden();
    await expect(markDone).toHaveCount(left - 1);
  }
  await expect(drawer.getByText(/Backfilled/).first()).toBeVisible();
  await expect(
    drawer.getByRole('link', { name: 'Evidence' }).first(),
  ).toHaveAttribute('href', /^https:\/\/tracker\.example\.com\/INC-117\//);
  // The timeline says who delivered each entry: the history import, then
  // the guest's own completions.
  const timeline = drawer.getByRole('list', { name: 'Timeline' });
  await expect(
    timeline
      .getByText('Delivered by service token demo-history-import')
      .first(),
  ).toBeVisible();
  await expect(
    timeline.getByText('Delivered by user:default/guest in the portal'),
  ).toHaveCount(4);
  await page.screenshot({ path: `${SCREENSHOTS}/exception-detail.png` });
});

test('a team lead sees teams ranked and the trend drawn', async ({ page }) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: /Process exce/ }).click();
  await expect(page).toHaveURL(/\/process-exceptions/);

  const table = page
    .getByRole('table')
    .filter({ hasText: 'Unacknowledged findings' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(/team|platform/);
  // Worst first: overdue backfills never increase down the table.
  const overdue = await rows.evaluateAll(trs =>
    trs.map(tr =>
      Number((tr.querySelectorAll('td')[5] as HTMLElement).innerText),
    ),
  );
  expect([...overdue].sort((a, b) => b - a)).toEqual(overdue);

  const chart = page.locator('.recharts-surface').first();
  await expect(chart).toBeVisible();
  expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(
    5,
  );
  await expect(page.locator('.recharts-line-curve').first()).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/scorecard-page.png`,
    fullPage: true,
  });

  // Operators have a page of their own, one click away.
  await page.getByRole('button', { name: 'Operations' }).click();
  await expect(page).toHaveURL(/\/process-exceptions\/operations$/);
  await expect(page.getByText('Failing maintenance work')).toBeVisible();
  await expect(
    page.getByText('Events waiting for their service'),
  ).toBeVisible();
  // The demo's ledger is sealed by its maintenance task.
  await page.getByRole('button', { name: 'Verify the ledger' }).click();
  await expect(page.getByRole('status')).toContainText(
    /Verified: [\d,]+ sealed events match their seals and signed heads\./,
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/operations-page.png`,
    fullPage: true,
  });
});

test('a postmortem searches the portal for an incident, follows its trail and downloads the evidence', async ({
  page,
}) => {
  await signInAsGuest(page);
  // Backstage's search finds the hotfix by its incident.
  await page.getByRole('link', { name: 'Search' }).first().click();
  await page
    .getByRole('textbox', { name: /search/i })
    .first()
    .fill('INC-117');
  const result = page.getByRole('link', {
    name: 'Hotfix for INC-117 on payments-api',
    exact: true,
  });
  await expect(result).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/search-results.png`,
    fullPage: true,
  });
  await result.click();
  const detail = page.getByRole('dialog', {
    name: 'Hotfix for INC-117 on payments-api',
  });
  await expect(detail).toBeVisible();
  // The incident's page at its sender, and its trail here.
  await expect(
    detail.getByRole('link', { name: /Open Incident at the sender/ }),
  ).toHaveAttribute('href', 'https://incidents.example.com/INC-117');
  await detail.getByRole('link', { name: 'Incident: INC-117' }).click();
  await expect(page).toHaveURL(
    /\/process-exceptions\/trail\?incidentId=INC-117$/,
  );

  const trail = page.getByRole('list', { name: 'Trail' });
  await expect(trail.getByText(/incident\.opened/)).toBeVisible();
  await expect(
    trail.getByText(/P0 hotfix opened: Hotfix for INC-117 on payments-api/),
  ).toBeVisible();
  await expect(
    trail.getByText(/Delivered by service token/).first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/trail-view.png`,
    fullPage: true,
  });

  // The auditor's file: the last 90 days, the whole organisation.
  await page.getByRole('button', { name: 'Back to the scorecard' }).click();
  await page.getByRole('button', { name: 'Download evidence' }).click();
  const dialog = page.getByRole('dialog', { name: 'Download evidence' });
  await expect(dialog.getByLabel('Team')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/evidence-dialog.png`,
    animations: 'disabled',
  });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^process-exceptions-evidence-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toMatch(/^record,exception_id,kind,entity_ref,owner,/);
  const hotfix = lines.find(
    l =>
      l.startsWith('exception,') &&
      l.includes('Hotfix for INC-117 on payments-api'),
  );
  expect(hotfix).toContain('component:default/payments-api');
  const id = hotfix!.split(',')[1];
  expect(lines.filter(l => l.startsWith(`task,${id},`)).length).toBeGreaterThan(
    0,
  );
  expect(lines.some(l => l.startsWith('finding,'))).toBe(true);
  // The ledger's signed head, for `process-exceptions verify --against`.
  expect(lines[1]).toMatch(/^chain-head,(,)*\d+,[0-9a-f]{64},[0-9a-f]{64},/);
});

test('the trail search on the Process exceptions page opens a trail', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: /Process exce/ }).click();
  await page.getByLabel('Trail of').selectOption('incidentId');
  await page.getByRole('textbox', { name: 'Id', exact: true }).fill('INC-117');
  await page.getByRole('button', { name: 'Follow the trail' }).click();
  await expect(page).toHaveURL(
    /\/process-exceptions\/trail\?incidentId=INC-117$/,
  );
  await expect(
    page.getByRole('list', { name: 'Trail' }).getByText(/incident\.opened/),
  ).toBeVisible();
});

test("the owner's team is notified of an overdue backfill", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/notifications');
  // The guest belongs to the platform team, which owns deploy-pipeline.
  await expect(
    page
      .getByText('Backfill overdue: Hotfix for INC-130 on deploy-pipeline')
      .first(),
  ).toBeVisible({ timeout: 60_000 });
});
