import { appChangeContext } from '@/lib/changes/app-context';
import { changeCollectionRoutes } from '@/lib/changes/http';

export const { GET, POST } = changeCollectionRoutes(appChangeContext);
