import { Suspense } from 'react';
import { ServiceList } from '@/components/services/ServiceList';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function ServicesPage() {
  return (
    <section>
      <h1>Services</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <ServiceList />
      </Suspense>
    </section>
  );
}
