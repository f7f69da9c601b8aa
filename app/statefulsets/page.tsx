import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { StatefulSetList } from '@/components/statefulset/StatefulSetList';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function StatefulSetsPage() {
  const t = useTranslations('statefulsets');
  return (
    <section>
      <h1>{t('title')}</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <StatefulSetList />
      </Suspense>
    </section>
  );
}
