import { Forbidden } from '@/components/auth/access-denied';

export default function TierPolicyForbidden() {
  return <Forbidden requiredRole="viewer" />;
}
