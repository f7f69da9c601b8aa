import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Ordinal',
  description: 'Live topology of stateful workloads on Kubernetes',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">Ordinal</Link>
          <nav aria-label="Main">
            <Link href="/statefulsets">StatefulSets</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
