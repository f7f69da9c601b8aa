import { notFound } from 'next/navigation';
import { ServiceView } from '@/components/services/ServiceView';
import { isNamespaceName, isObjectName } from '@/lib/names';

export default async function ServicePage({ params }: { params: Promise<{ ns: string; name: string }> }) {
  const { ns, name } = await params;
  if (!isNamespaceName(ns) || !isObjectName(name)) notFound();
  return (
    <section>
      <ServiceView namespace={ns} name={name} />
    </section>
  );
}
