import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const PAGES = ['/', '/jobs/reel-stitching-job', '/jobs/no-such-job', '/settings', '/tier-policy'];

for (const path of PAGES) {
  test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(path);
    // Wait for the streamed widgets, then scroll so every chart draws: axe checks them, not placeholders.
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 120_000 });
    const height = await page.evaluate(() => document.body.scrollHeight);
    for (let y = 0; y < height; y += 500) await page.mouse.wheel(0, 500);
    await expect(page.locator('.animate-pulse')).toHaveCount(0, { timeout: 120_000 });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const blocking = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
    expect(blocking).toEqual([]);
  });
}
