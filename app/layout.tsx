import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import Script from 'next/script';
import { Suspense, type ReactNode } from 'react';
import { Providers } from '@/components/data/Providers';
import { Header } from '@/components/layout/Header';
import { NoAccess } from '@/components/layout/NoAccess';
import { SyncBanner } from '@/components/layout/SyncBanner';
import { THEME_SCRIPT } from '@/components/layout/ThemeToggle';
import { BasePathProvider } from '@/components/ui/basePath';
import { withBase } from '@/lib/basepath';
import { processSettings } from '@/server/settings/process';
import { clusterOf, noAccessReason } from '@/server/api/viewer';
import { SIGNED_IN_GROUPS_HEADER, SIGNED_IN_HEADER, signedInGroups, signedInUser } from '@/lib/wire/whoami';
import { nonceOf } from '@/server/edge/headers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return {
    title: t('title'),
    description: t('description'),
    icons: { icon: withBase(processSettings().basePath, '/icon.svg') },
  };
}

/** Rendered per request: every script carries this response's nonce (server/edge/headers.ts). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const h = await headers();
  const nonce = nonceOf(h.get('content-security-policy'));
  // Under per-viewer access, a viewer the cluster lets list nothing gets the page that says so, not an empty dashboard.
  const denied = await noAccessReason(h);
  // Another cluster's pages are under /c/{cluster}: its links and requests keep the prefix (data-root-path: without it).
  const cluster = clusterOf(h);
  // The edge refused to start on an unusable ORDINAL_BASE_PATH: here it reads.
  const base = processSettings().basePath;
  const appBase = cluster === undefined ? base : `${base}/c/${encodeURIComponent(cluster)}`;
  // The picker's cookie or the browser's Accept-Language (server/i18n/request.ts); the catalog rides to the client.
  const locale = await getLocale();
  const t = await getTranslations('nav');
  return (
    <html lang={locale} data-base-path={appBase} data-root-path={base} suppressHydrationWarning>
      <body>
        <Script id="theme" strategy="beforeInteractive" nonce={nonce}>
          {THEME_SCRIPT}
        </Script>
        <NextIntlClientProvider>
          <BasePathProvider base={appBase}>
            <Providers>
              <a href="#main" className="skip">
                {t('skip')}
              </a>
              <Suspense>
                <Header />
              </Suspense>
              <main id="main">
                {denied === undefined ? (
                  <>
                    <SyncBanner />
                    {children}
                  </>
                ) : (
                  <NoAccess
                    who={{
                      user: signedInUser(h.get(SIGNED_IN_HEADER)),
                      groups: signedInGroups(h.get(SIGNED_IN_GROUPS_HEADER)),
                    }}
                    why={denied}
                  />
                )}
              </main>
            </Providers>
          </BasePathProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
