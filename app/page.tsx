import { Overview } from '@/components/overview/Overview';

export default function Home() {
  return (
    <section>
      <h1>Overview</h1>
      <Overview />
    </section>
  );
}
