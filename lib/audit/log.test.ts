import { describe, expect, it } from 'vitest';
import { appendAudit, createChangeRequest, transitionChangeRequest, type Store } from '@/lib/store';
import { reelStitchingProposal } from '@/test/support/change-fixtures';
import { DIALECTS } from '@/test/support/databases';
import { databaseForTests } from '@/test/support/database-suite';
import { auditCsv, listAuditLog } from '@/lib/audit/log';

describe.each(DIALECTS)('the audit log on %s', (dialect) => {
  let store: Store;
  let reelId: string;
  databaseForTests(dialect, async (database) => {
    store = await database.open();
    const reel = await createChangeRequest(store, reelStitchingProposal());
    reelId = reel.id;
    await transitionChangeRequest(store, reel.id, {
      from: ['proposed'],
      to: 'rejected',
      actor: 'abe@example.com',
      patch: { decisionComment: '=HYPERLINK("http://evil.example","click")' },
    });
    await createChangeRequest(store, reelStitchingProposal({ job: 'thumbnail-job' }));
    await appendAudit(store, {
      actor: 'admin@example.com',
      action: 'role.granted',
      target: 'user:x@example.com',
    });
  });

  it('filters by job, action prefix, actor and change, newest first', async () => {
    const reel = await listAuditLog(store, { job: 'reel-stitching-job' });
    expect(reel.map((row) => row.entry.action)).toEqual(['change.rejected', 'change.proposed']);
    expect(reel[0]?.change).toMatchObject({ job: 'reel-stitching-job', tier: 'short-reels' });
    expect((await listAuditLog(store, { action: 'change.' })).length).toBe(3);
    expect(
      (await listAuditLog(store, { action: 'role.granted' })).map((row) => row.change),
    ).toEqual([null]);
    expect((await listAuditLog(store, { actor: 'ABE@example.com' })).length).toBe(1);
    expect((await listAuditLog(store, { change: reelId })).length).toBe(2);
    const [newest] = await listAuditLog(store, { limit: 1 });
    const older = await listAuditLog(store, { before: newest?.entry.id });
    expect(older.map((row) => row.entry.id)).not.toContain(newest?.entry.id);
    expect(older).toHaveLength(3);
  });

  it('exports CSV whose cells never run as spreadsheet formulas', async () => {
    const csv = auditCsv(await listAuditLog(store, { job: 'reel-stitching-job' }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,time_utc,actor,action,target,job,tier,limits_before,limits_after,note,details',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines[1]).toContain('4 vCPU, 16Gi, 3600 s timeout, 3 retries');
    for (const line of lines.slice(1)) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@]/);
    }
  });
});
