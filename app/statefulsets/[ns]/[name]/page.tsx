import { notFound } from 'next/navigation';
import { StatefulSetView } from '@/components/statefulset/StatefulSetView';
import { isNamespaceName, isObjectName } from '@/lib/names';

export default async function StatefulSetPage({ params }: { params: Promise<{ ns: string; name: string }> }) {
  const { ns, name } = await params;
  if (!isNamespaceName(ns) || !isObjectName(name)) notFound();
  return (
    <section>
      <StatefulSetView namespace={ns} name={name} />
    </section>
  );
}
