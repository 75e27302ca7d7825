import { appChangeContext } from '@/lib/changes/app-context';
import { changeActionRoutes } from '@/lib/changes/http';

export const { POST } = changeActionRoutes(appChangeContext);
