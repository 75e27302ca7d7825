import { tierPolicyActionRoutes } from '@/lib/changes/tier-policy-http';
import { getStore } from '@/lib/store/instance';

export const { POST } = tierPolicyActionRoutes(getStore);
