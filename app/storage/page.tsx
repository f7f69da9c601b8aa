import { Suspense } from 'react';
import { StorageView } from '@/components/storage/StorageView';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function StoragePage() {
  return (
    <section>
      <h1>Storage</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <StorageView />
      </Suspense>
    </section>
  );
}
