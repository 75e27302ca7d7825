import { tierPolicyRoutes } from '@/lib/changes/tier-policy-http';
import { getStore } from '@/lib/store/instance';

export const { GET, POST } = tierPolicyRoutes(getStore);
