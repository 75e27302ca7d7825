import { Forbidden } from '@/components/auth/access-denied';

export default function AdminForbiddenPage() {
  return <Forbidden requiredRole="admin" />;
}
