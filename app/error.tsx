'use client';

import { useTranslations } from 'next-intl';

/**
 * A page that failed while rendering in the browser: said in the reader's language, with a retry that
 * re-renders the segment (the stream and the cache stay). The error's own text is the code's, not translated.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('crash');
  return (
    <div className="error-panel" role="alert" data-error="render">
      <strong>{t('title')}</strong> <code>{error.digest ? t('digest', { digest: error.digest }) : error.message}</code>
      <p>
        <button type="button" onClick={reset}>
          {t('retry')}
        </button>
      </p>
    </div>
  );
}
