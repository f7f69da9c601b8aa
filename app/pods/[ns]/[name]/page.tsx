import { notFound } from 'next/navigation';
import { PodView } from '@/components/pods/PodView';
import { isNamespaceName, isObjectName } from '@/lib/names';

export default async function PodPage({ params }: { params: Promise<{ ns: string; name: string }> }) {
  const { ns, name } = await params;
  if (!isNamespaceName(ns) || !isObjectName(name)) notFound();
  return (
    <section>
      <PodView namespace={ns} name={name} />
    </section>
  );
}
