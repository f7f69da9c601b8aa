import { getTranslations } from 'next-intl/server';
import type { WhoAmI } from '@/lib/wire/whoami';

/**
 * What a signed-in viewer whom the cluster lets list nothing gets instead of the dashboard:
 * who they are signed in as, why (the cluster's answer), and how to check and fix it. Ordinal
 * asks the cluster's own RBAC for each viewer (ORDINAL_AUTHZ=cluster-rbac), never its own account's.
 */
export async function NoAccess({
  who,
  why,
}: {
  who: { user: string | undefined; groups: WhoAmI['groups'] };
  why: string;
}) {
  const t = await getTranslations('noAccess');
  const user = who.user ?? t('anonymous');
  const asUser = `--as=${user}${who.groups.map((g) => ` --as-group=${g}`).join('')}`;
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  return (
    <section className="no-access" data-no-access="" aria-labelledby="no-access-title">
      <h1 id="no-access-title">{t('title')}</h1>
      <p>
        {t.rich('signedIn', {
          user,
          groups: who.groups.length > 0 ? who.groups.join(', ') : 'absent',
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <p className="muted">{why}</p>
      <p>{t.rich('explain', { code })}</p>
      <p>{t('check')}</p>
      <pre className="command">{`kubectl auth can-i list pods ${asUser} --all-namespaces\nkubectl auth can-i --list ${asUser} -n ${t('namespacePlaceholder')}`}</pre>
    </section>
  );
}
