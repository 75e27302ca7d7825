import { appChangeContext } from '@/lib/changes/app-context';
import { changeExportRoutes } from '@/lib/changes/export/http';

export const { GET } = changeExportRoutes(appChangeContext);
