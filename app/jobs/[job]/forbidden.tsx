import { Forbidden } from '@/components/auth/access-denied';

export default function JobReportForbidden() {
  return <Forbidden requiredRole="viewer" />;
}
