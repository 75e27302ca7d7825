import { withRole } from '@/lib/auth/guard';
import { auditCsvResponse } from '@/lib/audit/export';

export const GET = withRole('view-reports', (request: Request) => auditCsvResponse(request));
