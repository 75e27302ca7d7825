import { Forbidden } from '@/components/auth/access-denied';

export default function SettingsForbidden() {
  return <Forbidden requiredRole="viewer" />;
}
