import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const PAGES = ['/', '/jobs/reel-stitching-job', '/jobs/no-such-job', '/settings', '/tier-policy'];

/** Brings every chart placeholder into view in turn until none is left, so axe checks drawn charts. */
async function drawEveryChart(page: Page): Promise<void> {
  const placeholders = page.locator('.animate-pulse');
  for (let round = 0; round < 60 && (await placeholders.count()) > 0; round++) {
    await placeholders
      .first()
      .scrollIntoViewIfNeeded({ timeout: 5_000 })
      .catch(() => undefined);
    await page.waitForTimeout(250);
  }
  await expect(placeholders).toHaveCount(0, { timeout: 30_000 });
}

for (const path of PAGES) {
  test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
    // The first job report after the demo starts is built cold, behind every suite before it.
    test.setTimeout(240_000);
    await page.goto(path);
    // Wait for the streamed widgets, then draw every chart: axe checks them, not placeholders.
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 180_000 });
    await drawEveryChart(page);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const blocking = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
    expect(blocking).toEqual([]);
  });
}
