import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Script from 'next/script';
import { Suspense, type ReactNode } from 'react';
import { Providers } from '@/components/data/Providers';
import { Header } from '@/components/layout/Header';
import { SyncBanner } from '@/components/layout/SyncBanner';
import { THEME_SCRIPT } from '@/components/layout/ThemeToggle';
import { nonceOf } from '@/server/edge/headers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Ordinal',
  description: 'Live topology of stateful workloads on Kubernetes',
};

/** Rendered per request: every script carries this response's nonce (server/edge/headers.ts). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = nonceOf((await headers()).get('content-security-policy'));
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Script id="theme" strategy="beforeInteractive" nonce={nonce}>
          {THEME_SCRIPT}
        </Script>
        <Providers>
          <a href="#main" className="skip">
            Skip to content
          </a>
          <Suspense>
            <Header />
          </Suspense>
          <main id="main">
            <SyncBanner />
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
