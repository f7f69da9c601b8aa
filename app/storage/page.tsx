import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { StorageView } from '@/components/storage/StorageView';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function StoragePage() {
  const t = useTranslations('storage');
  return (
    <section>
      <h1>{t('title')}</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <StorageView />
      </Suspense>
    </section>
  );
}
