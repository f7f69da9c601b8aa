import { Suspense } from 'react';
import { TopologyView } from '@/components/topology/TopologyView';

export default function TopologyPage() {
  return (
    <section className="wide">
      <h1>Topology</h1>
      <Suspense>
        <TopologyView />
      </Suspense>
    </section>
  );
}
