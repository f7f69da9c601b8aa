import { Suspense } from 'react';
import { DriftView } from '@/components/drift/DriftView';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function DriftPage() {
  return (
    <section>
      <h1>Config drift</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <DriftView />
      </Suspense>
    </section>
  );
}
