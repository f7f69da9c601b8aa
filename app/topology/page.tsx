import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { TopologyView } from '@/components/topology/TopologyView';

export default function TopologyPage() {
  const t = useTranslations('topology');
  return (
    <section className="wide">
      <h1>{t('title')}</h1>
      <Suspense>
        <TopologyView />
      </Suspense>
    </section>
  );
}
