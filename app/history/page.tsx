import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { HistoryView } from '@/components/history/HistoryView';

export default function HistoryPage() {
  const t = useTranslations('history');
  return (
    <section>
      <h1>{t('title')}</h1>
      <Suspense>
        <HistoryView />
      </Suspense>
    </section>
  );
}
