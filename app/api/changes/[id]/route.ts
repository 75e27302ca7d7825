import { appChangeContext } from '@/lib/changes/app-context';
import { changeItemRoutes } from '@/lib/changes/http';

export const { GET } = changeItemRoutes(appChangeContext);
