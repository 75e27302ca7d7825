import { appChangeContext } from '@/lib/changes/app-context';
import { exportChange, EXPORT_FORMATS } from '@/lib/changes/export/export';
import { loadChange } from '@/lib/changes/transitions';
import { Card } from '@/components/ui/card';
import { CodeExportTabs, type CodeExport } from './code-export-tabs';

const LABELS: Record<(typeof EXPORT_FORMATS)[number], string> = {
  gcloud: 'gcloud',
  yaml: 'YAML (gcloud run jobs replace)',
  terraform: 'Terraform',
};

/** The change as code for teams that apply through their own review; a split has none. */
export async function ChangeAsCode({ id }: { id: string }) {
  const context = await appChangeContext();
  if ((await loadChange(context, id)).plan) return null;
  const exports: CodeExport[] = await Promise.all(
    EXPORT_FORMATS.map(async (format) => {
      const href = `/api/changes/${id}/as/${format}`;
      try {
        const text = await exportChange(context, id, format);
        return { format, label: LABELS[format], href, text, error: null };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { format, label: LABELS[format], href, text: null, error: message };
      }
    }),
  );
  return (
    <Card title="As code">
      <CodeExportTabs exports={exports} />
    </Card>
  );
}
