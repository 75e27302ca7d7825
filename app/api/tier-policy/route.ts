import { appTierPolicyRoutes } from '@/lib/changes/tier-policy-http';

export const { GET, POST } = appTierPolicyRoutes();
