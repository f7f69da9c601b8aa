import Link from 'next/link';

export default function Home() {
  return (
    <section>
      <h1>Ordinal</h1>
      <p>Live topology of stateful workloads: StatefulSet ordinals, claims and volumes, config drift and Service endpoints.</p>
      <p><Link href="/statefulsets">StatefulSets →</Link></p>
    </section>
  );
}
