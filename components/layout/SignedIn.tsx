'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { WhoAmI } from '@/lib/wire/whoami';
import { getJson } from '../data/hooks';

/** Who is signed in, and a way out (with a signing-in proxy in front); nothing without a sign-in. */
export function SignedIn() {
  const { data } = useQuery<WhoAmI>({
    queryKey: ['whoami'],
    queryFn: () => getJson('/api/v1/whoami'),
    staleTime: Infinity,
  });
  const t = useTranslations('header');
  if (!data?.signedIn) return null;
  return (
    <span className="signed-in" data-user={data.user}>
      <span className="muted">{t('signedInAs')}</span> <strong>{data.user}</strong>
      {data.signOut && data.signOutMethod === 'post' && (
        <>
          {' '}
          {/* A POST from this page: a link from another site cannot sign anyone out. */}
          <form method="post" action={data.signOut} className="sign-out">
            <button type="submit" className="link">
              {t('signOut')}
            </button>
          </form>
        </>
      )}
      {data.signOut && data.signOutMethod !== 'post' && (
        <>
          {' '}
          <a href={data.signOut}>{t('signOut')}</a>
        </>
      )}
    </span>
  );
}
