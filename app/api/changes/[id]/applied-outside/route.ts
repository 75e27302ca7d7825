import { appChangeContext } from '@/lib/changes/app-context';
import { appliedOutsideRoutes } from '@/lib/changes/outside-http';

export const { POST } = appliedOutsideRoutes(appChangeContext);
