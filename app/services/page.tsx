import { useTranslations } from 'next-intl';
import { Suspense } from 'react';
import { ServiceList } from '@/components/services/ServiceList';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function ServicesPage() {
  const t = useTranslations('services');
  return (
    <section>
      <h1>{t('title')}</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <ServiceList />
      </Suspense>
    </section>
  );
}
