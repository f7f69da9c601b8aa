import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { DriftView } from '@/components/drift/DriftView';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function DriftPage() {
  const t = useTranslations('drift');
  return (
    <section>
      <h1>{t('title')}</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <DriftView />
      </Suspense>
    </section>
  );
}
