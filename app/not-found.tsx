import { useTranslations } from 'next-intl';
import Link from '@/components/ui/Link';

/** An unknown path, or an object name the Kubernetes name rules refuse: said in the reader's language. */
export default function NotFound() {
  const t = useTranslations('notFound');
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <p>
        <Link href="/">{t('home')}</Link>
      </p>
    </section>
  );
}
