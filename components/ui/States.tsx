'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import Link from './Link';

export function Loading({ what }: { what: string }) {
  const t = useTranslations('states');
  return (
    <p className="muted" role="status">
      {t('loading', { what })}
    </p>
  );
}

/**
 * A failed load, in words; a 404 offers the way back (`back`), since there is nothing here to wait for.
 * The server's own message is shown as it said it (in English, with its code): it is what a script or a log has too.
 */
export function ErrorPanel({
  error,
  title,
  back,
}: {
  error: unknown;
  title?: string;
  back?: { href: string; label: string };
}) {
  const t = useTranslations('states');
  const message = error instanceof Error ? error.message : String(error);
  const notFound = (error as { status?: unknown } | null)?.status === 404;
  return (
    <div className="error-panel" role="alert" data-error={notFound ? 'not-found' : 'api'}>
      <strong>{title ?? t('cannotLoad')}</strong> <code>{message}</code>
      {notFound && back && (
        <p>
          <Link href={back.href}>{back.label}</Link>
        </p>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}
