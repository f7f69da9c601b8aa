import { useTranslations } from 'next-intl';
import { Overview } from '@/components/overview/Overview';

export default function Home() {
  const t = useTranslations('overview');
  return (
    <section>
      <h1>{t('title')}</h1>
      <Overview />
    </section>
  );
}
