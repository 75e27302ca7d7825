import { Unauthorized } from '@/components/auth/access-denied';

export default function UnauthorizedPage() {
  return <Unauthorized />;
}
