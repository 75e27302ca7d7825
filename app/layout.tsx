import type { Metadata } from 'next';
import Link from 'next/link';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { IdentityBadge } from '@/components/auth/identity-badge';
import './globals.css';

export const metadata: Metadata = {
  title: 'Tierwise — Cloud Run jobs cost and capacity',
  description: 'Per-tier cost, waste and right-sizing for Google Cloud Run jobs',
  // Files in public/; the proxy lets them through unauthenticated, so no page meets a 401 or 404.
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: '/apple-touch-icon.png',
  },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <nav className="border-b border-border px-6 py-3 flex items-center gap-6">
          <Link href="/" className="font-semibold tracking-tight">
            Tierwise
          </Link>
          <span className="text-sm text-muted">Cloud Run jobs · cost and capacity</span>
          <Link href="/changes" className="text-sm">
            Changes
          </Link>
          <Link href="/tier-policy" className="text-sm">
            Tier policy
          </Link>
          <Link href="/audit" className="text-sm">
            Audit
          </Link>
          <Link href="/settings" className="text-sm">
            Settings
          </Link>
          <IdentityBadge />
        </nav>
        <main className="mx-auto max-w-6xl px-6 py-8">
          <NuqsAdapter>{children}</NuqsAdapter>
        </main>
      </body>
    </html>
  );
}
