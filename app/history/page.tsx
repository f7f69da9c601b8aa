import { Suspense } from 'react';
import { HistoryView } from '@/components/history/HistoryView';

export default function HistoryPage() {
  return (
    <section>
      <h1>History</h1>
      <Suspense>
        <HistoryView />
      </Suspense>
    </section>
  );
}
