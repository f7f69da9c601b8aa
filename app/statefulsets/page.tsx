import { StatefulSetTable } from '@/components/StatefulSetTable';
import { KubeConfigError } from '@/server/kube/config';
import { listStatefulSets } from '@/server/kube/statefulsets';
import type { StatefulSetSummary } from '@/lib/wire/statefulset';

export const dynamic = 'force-dynamic';

async function load(): Promise<{ items: StatefulSetSummary[] } | { error: string }> {
  try {
    return { items: await listStatefulSets() };
  } catch (e) {
    if (e instanceof KubeConfigError) return { error: e.message };
    const err = e as { code?: number; body?: unknown; message?: string; cause?: { code?: string; message?: string } };
    const detail = err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
    return { error: `the Kubernetes API server could not be reached or refused the request: ${detail}` };
  }
}

export default async function StatefulSetsPage() {
  const result = await load();
  return (
    <section>
      <h1>StatefulSets</h1>
      {'error' in result ? (
        <div className="error-panel" role="alert" data-error="cluster">
          <strong>Cannot list StatefulSets.</strong> <code>{result.error}</code>
        </div>
      ) : (
        <StatefulSetTable items={result.items} />
      )}
    </section>
  );
}
