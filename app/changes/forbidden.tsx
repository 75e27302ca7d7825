import { Forbidden } from '@/components/auth/access-denied';

export default function ChangesForbiddenPage() {
  return <Forbidden requiredRole="viewer" />;
}
