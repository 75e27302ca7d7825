import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICY } from '@/lib/domain/tiers';
import { PriceBookForm } from './price-book-form';
import { TierPolicyForm } from './tier-policy-form';

const action = async () => ({ ok: true as const, value: { message: '' } });

describe('the settings forms', () => {
  it('offer the price book to an admin, and show a viewer it without a save', () => {
    const choice = { kind: 'book', id: 'jobs-tier1' } as const;
    const admin = renderToStaticMarkup(<PriceBookForm choice={choice} action={action} canEdit />);
    expect(admin).toMatch(/<button type="submit"[^>]*>Save price book<\/button>/);
    expect(admin).toContain('id="price-book-status"');
    const viewer = renderToStaticMarkup(
      <PriceBookForm choice={choice} action={action} canEdit={false} />,
    );
    expect(viewer).toMatch(/<button type="submit" disabled=""[^>]*>Save price book/);
  });

  it('propose the tier policy in force as rows, one per tier', () => {
    const html = renderToStaticMarkup(
      <TierPolicyForm policy={DEFAULT_TIER_POLICY} action={action} canPropose />,
    );
    expect(html.match(/data-tier-row=/g)).toHaveLength(DEFAULT_TIER_POLICY.tiers.length);
    expect(html).toMatch(/>Propose tier policy<\/button>/);
    expect(html).toContain('id="tier-policy-status"');
  });
});
