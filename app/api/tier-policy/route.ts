import { appTierPolicyRoutes } from '@/lib/tier-policy/http';

export const { GET, POST } = appTierPolicyRoutes();
