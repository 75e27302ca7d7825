import { Forbidden } from '@/components/auth/access-denied';

export default function ProposeForbiddenPage() {
  return <Forbidden requiredRole="requester" />;
}
