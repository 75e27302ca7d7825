import { Forbidden } from '@/components/auth/access-denied';

export default function ForbiddenPage() {
  return <Forbidden />;
}
