'use client';

import Link from '@/components/ui/Link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { ClusterPicker } from './ClusterPicker';
import { LocalePicker } from './LocalePicker';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SignedIn } from './SignedIn';
import { ThemeToggle } from './ThemeToggle';
import { withoutBase } from '@/lib/basepath';
import { useBasePath } from '../ui/basePath';

const LINKS = [
  { href: '/', label: 'overview' },
  { href: '/topology', label: 'topology' },
  { href: '/statefulsets', label: 'statefulsets' },
  { href: '/storage', label: 'storage' },
  { href: '/drift', label: 'drift' },
  { href: '/services', label: 'services' },
  { href: '/history', label: 'history' },
] as const;

export function Header() {
  // The browser's path carries the prefix; the one rendered on the server does not.
  const pathname = withoutBase(useBasePath(), usePathname());
  const params = useSearchParams();
  const ns = params.get('namespace');
  const t = useTranslations('nav');
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        Ordinal
      </Link>
      <nav aria-label={t('main')}>
        {LINKS.map((l) => {
          const active = l.href === '/' ? pathname === '/' : pathname.startsWith(l.href);
          const href = ns && l.href !== '/' ? `${l.href}?namespace=${encodeURIComponent(ns)}` : l.href;
          return (
            <Link key={l.href} href={href} aria-current={active ? 'page' : undefined}>
              {t(l.label)}
            </Link>
          );
        })}
      </nav>
      <div className="topbar-right">
        <ClusterPicker />
        <ConnectionIndicator />
        <SignedIn />
        <LocalePicker />
        <ThemeToggle />
      </div>
    </header>
  );
}
