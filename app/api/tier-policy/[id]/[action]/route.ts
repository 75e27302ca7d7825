import { appTierPolicyActionRoutes } from '@/lib/changes/tier-policy-http';

export const { POST } = appTierPolicyActionRoutes();
