/** Runs `tierwise report` (reads through lib/gcp, prints the report) or `tierwise sync`; returns the exit code. */
import { createClients } from '@/lib/gcp';
import { getJobReport } from '@/lib/data/report';
import { maxFailureRateOf } from '@/lib/data/failure-budgets';
import { reportToCsv, reportToMarkdown, type JobReport } from '@/lib/domain/report';
import { CliArgumentError, USAGE, parseCommand, type Format } from './args';
import { loadPolicy, loadPriceBook, resolveTarget } from './settings';
import { openStore } from '@/lib/store';
import { shareReport } from './share';
import { runSync } from './sync-command';

export type Io = {
  readonly argv: readonly string[];
  readonly env: Record<string, string | undefined>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly nowMs: () => number;
};

function render(report: JobReport, format: Format): string {
  if (format === 'csv') return reportToCsv(report);
  if (format === 'md') return reportToMarkdown(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** 0 on success, 2 for a bad argument or setting, 1 when Google (or the emulator) fails. */
export async function runCli(io: Io): Promise<number> {
  let command;
  try {
    command = parseCommand(io.argv);
    if (command.kind === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (command.kind === 'sync') return await runSync(command, io);
    const target = resolveTarget(command, io.env);
    const policy = loadPolicy(command.policyFile);
    const priceBook = loadPriceBook(command.priceBook);
    const clients = createClients({ emulatorHost: target.emulatorHost });
    try {
      if (command.share) {
        const nowMs = command.nowMs ?? io.nowMs();
        const shared = await shareReport({
          args: command,
          target,
          clients,
          policy,
          priceBook,
          env: io.env,
          nowMs,
        });
        io.stdout(`${shared.url}\n`);
        io.stderr(`tierwise: shared a snapshot of ${shared.executions} executions.\n`);
        return 0;
      }
      // With DATABASE_URL set, the report reads (and first syncs) the execution ledger there.
      const store = io.env.DATABASE_URL ? await openStore(io.env.DATABASE_URL) : undefined;
      const ref = { project: target.project, region: target.region, job: command.job };
      // The flag wins; else the budget an admin saved for the job, as the app's reports use it.
      const maxFailureRate =
        command.maxFailureRate ?? (store ? await maxFailureRateOf(store, ref) : undefined);
      const { report, googleApiCalls } = await getJobReport({
        ledger: store ? { store, freshnessSeconds: 0 } : false,
        clients,
        project: target.project,
        region: target.region,
        job: command.job,
        days: command.days,
        policy,
        priceBook,
        objective: command.objective,
        ...(maxFailureRate !== undefined && { maxFailureRate }),
        now: command.nowMs ?? io.nowMs(),
      }).finally(() => store?.close());
      io.stdout(render(report, command.format));
      io.stderr(
        `tierwise: ${report.totals.executions} executions read with ${googleApiCalls} Google API calls.\n`,
      );
      return 0;
    } finally {
      await clients.close();
    }
  } catch (err) {
    if (err instanceof CliArgumentError) {
      io.stderr(`tierwise: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`tierwise: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
