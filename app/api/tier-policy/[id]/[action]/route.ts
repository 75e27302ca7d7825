import { appTierPolicyActionRoutes } from '@/lib/tier-policy/http';

export const { POST } = appTierPolicyActionRoutes();
