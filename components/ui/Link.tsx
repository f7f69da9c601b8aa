'use client';

import NextLink from 'next/link';
import type { ComponentProps } from 'react';
import { withBase } from '@/lib/basepath';
import { useBasePath } from './basePath';

/** next/link for the app's own paths, under the prefix the dashboard is served at (components/ui/basePath.tsx). */
export default function Link({ href, ...rest }: Omit<ComponentProps<typeof NextLink>, 'href'> & { href: string }) {
  return <NextLink href={withBase(useBasePath(), href)} {...rest} />;
}
