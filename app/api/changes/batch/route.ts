import { appChangeContext } from '@/lib/changes/app-context';
import { changeBatchRoutes } from '@/lib/changes/http';

export const { POST } = changeBatchRoutes(appChangeContext);
