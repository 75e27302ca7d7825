import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/changes/service-context';
import type { ApprovedTierPolicy, TierPolicyProposal } from '@/lib/store/tier-policies';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '@/lib/domain/tiers';
import { DecisionOutcome } from './decision-outcome';
import { HistoryTable } from './history-table';
import { PendingProposal } from './pending-proposal';
import { PolicyDiff } from './policy-diff';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const wider: TierPolicy = {
  tiers: DEFAULT_TIER_POLICY.tiers.map((tier) =>
    tier.id === 'small' ? { ...tier, maxClipCount: 4, jobName: 'reel-small' } : tier,
  ),
};

const inForce: ApprovedTierPolicy = {
  version: 3,
  policy: DEFAULT_TIER_POLICY,
  proposalId: 'v3',
  approvedBy: 'abe@example.com',
  approvedAt: Date.UTC(2026, 10, 1, 9, 30),
};

const proposal: TierPolicyProposal = {
  id: 'p4',
  policy: wider,
  reason: 'Four-clip reels fit the small job',
  requester: 'rae@example.com',
  createdAt: Date.UTC(2026, 10, 2, 10, 0),
  baseVersion: 3,
  state: 'proposed',
  decidedBy: null,
  decidedAt: null,
  decisionComment: null,
  approvedVersion: null,
};

const approver: Actor = { email: 'abe@example.com', role: 'approver' };

describe('PolicyDiff', () => {
  it('shows each changed field with the value in force and the proposed one', () => {
    const html = text(
      renderToStaticMarkup(<PolicyDiff before={DEFAULT_TIER_POLICY} after={wider} label="Diff" />),
    );
    expect(html).toContain('Small (small, changed) At most clips 3 4');
    expect(html).toContain('Served by job any job reel-small');
    expect(html).toContain('Unchanged: Medium, Large, Extra large.');
  });

  it('says so when the proposal equals the version in force', () => {
    const html = renderToStaticMarkup(
      <PolicyDiff before={DEFAULT_TIER_POLICY} after={DEFAULT_TIER_POLICY} label="Diff" />,
    );
    expect(html).toContain('Identical to the version in force.');
    expect(html).not.toContain('<table');
  });
});

describe('PendingProposal', () => {
  const render = (user: Actor, base = inForce) =>
    renderToStaticMarkup(<PendingProposal proposal={proposal} inForce={base} user={user} />);

  it('offers approve and reject, each with its own labelled comment, to another approver', () => {
    const html = render(approver);
    expect(html).toMatch(/<label for="approve-comment-p4"[^>]*>Approval comment \(optional\)/);
    expect(html).toMatch(/<label for="reject-comment-p4"[^>]*>Why reject it/);
    expect(text(html)).toContain('Approve');
    expect(text(html)).toContain('Four-clip reels fit the small job');
  });

  it.each([
    [{ email: 'RAE@example.com', role: 'admin' } as Actor, 'You proposed this tier policy'],
    [{ email: 'vic@example.com', role: 'requester' } as Actor, 'An approver reviews'],
  ])('offers no decision to %j', (user, note) => {
    const html = render(user);
    expect(html).not.toContain('approve-comment');
    expect(text(html)).toContain(note);
  });

  it('warns that a proposal written against an older version will be superseded', () => {
    expect(text(render(approver, { ...inForce, version: 4 }))).toContain(
      'Written against version 3; version 4 is in force now',
    );
  });
});

describe('HistoryTable', () => {
  it('lists every version with its decision and marks the one in force', () => {
    const approved: TierPolicyProposal = {
      ...proposal,
      id: 'v3',
      state: 'approved',
      decidedBy: 'abe@example.com',
      decidedAt: Date.UTC(2026, 10, 1, 9, 30),
      decisionComment: 'Matches the clip counts',
      approvedVersion: 3,
    };
    const html = text(
      renderToStaticMarkup(<HistoryTable versions={[proposal, approved]} inForceId="v3" />),
    );
    expect(html).toContain('— proposed rae@example.com 2 Nov 2026, 10:00 UTC');
    expect(html).toContain('awaiting review');
    expect(html).toContain(
      '3 in force approved rae@example.com 2 Nov 2026, 10:00 UTC Four-clip reels fit the small job abe@example.com 1 Nov 2026, 09:30 UTC Matches the clip counts',
    );
  });

  it('explains that the built-in default is in use before anything is proposed', () => {
    expect(renderToStaticMarkup(<HistoryTable versions={[]} inForceId={null} />)).toContain(
      'built-in default',
    );
  });
});

describe('DecisionOutcome', () => {
  it.each([
    [{ state: 'approved', approvedVersion: 4 } as const, 'Approved: version 4 is in force'],
    [{ state: 'rejected' } as const, 'Rejected: the version in force stays.'],
    [{ state: 'superseded' } as const, 'written against version 3. Propose again'],
  ])('says what became of a proposal once decided: %j', (patch, said) => {
    const html = renderToStaticMarkup(<DecisionOutcome proposal={{ ...proposal, ...patch }} />);
    expect(html).toContain('role="status"');
    expect(text(html)).toContain(said);
  });

  it('says nothing for a proposal still waiting or unknown', () => {
    expect(renderToStaticMarkup(<DecisionOutcome proposal={proposal} />)).toBe('');
    expect(renderToStaticMarkup(<DecisionOutcome proposal={undefined} />)).toBe('');
  });
});
