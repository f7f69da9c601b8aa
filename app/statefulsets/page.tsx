import { Suspense } from 'react';
import { StatefulSetList } from '@/components/statefulset/StatefulSetList';
import { NamespaceSelect } from '@/components/ui/NamespaceSelect';

export default function StatefulSetsPage() {
  return (
    <section>
      <h1>StatefulSets</h1>
      <Suspense>
        <div className="toolbar">
          <NamespaceSelect />
        </div>
        <StatefulSetList />
      </Suspense>
    </section>
  );
}
