import { Forbidden } from '@/components/auth/access-denied';

export default function SharedReportForbiddenPage() {
  return <Forbidden requiredRole="viewer" />;
}
