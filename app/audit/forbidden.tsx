import { Forbidden } from '@/components/auth/access-denied';

export default function AuditForbiddenPage() {
  return <Forbidden requiredRole="viewer" />;
}
