'use client';

import Link from '@/components/ui/Link';
import { usePathname, useSearchParams } from 'next/navigation';
import { ClusterPicker } from './ClusterPicker';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SignedIn } from './SignedIn';
import { ThemeToggle } from './ThemeToggle';
import { withoutBase } from '@/lib/basepath';
import { useBasePath } from '../ui/basePath';

const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/topology', label: 'Topology' },
  { href: '/statefulsets', label: 'StatefulSets' },
  { href: '/storage', label: 'Storage' },
  { href: '/drift', label: 'Config drift' },
  { href: '/services', label: 'Services' },
  { href: '/history', label: 'History' },
];

export function Header() {
  // The browser's path carries the prefix; the one rendered on the server does not.
  const pathname = withoutBase(useBasePath(), usePathname());
  const params = useSearchParams();
  const ns = params.get('namespace');
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        Ordinal
      </Link>
      <nav aria-label="Main">
        {LINKS.map((l) => {
          const active = l.href === '/' ? pathname === '/' : pathname.startsWith(l.href);
          const href = ns && l.href !== '/' ? `${l.href}?namespace=${encodeURIComponent(ns)}` : l.href;
          return (
            <Link key={l.href} href={href} aria-current={active ? 'page' : undefined}>
              {l.label}
            </Link>
          );
        })}
      </nav>
      <div className="topbar-right">
        <ClusterPicker />
        <ConnectionIndicator />
        <SignedIn />
        <ThemeToggle />
      </div>
    </header>
  );
}
