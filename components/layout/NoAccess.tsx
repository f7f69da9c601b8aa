import type { WhoAmI } from '@/lib/wire/whoami';

/**
 * What a signed-in viewer whom the cluster lets list nothing gets instead of the dashboard:
 * who they are signed in as, why (the cluster's answer), and how to check and fix it. Ordinal
 * asks the cluster's own RBAC for each viewer (ORDINAL_AUTHZ=cluster-rbac), never its own account's.
 */
export function NoAccess({ who, why }: { who: Pick<WhoAmI, 'user' | 'groups'>; why: string }) {
  const asUser = `--as=${who.user}${who.groups.map((g) => ` --as-group=${g}`).join('')}`;
  return (
    <section className="no-access" data-no-access="" aria-labelledby="no-access-title">
      <h1 id="no-access-title">No access</h1>
      <p>
        You are signed in as <strong>{who.user}</strong>
        {who.groups.length > 0 && (
          <>
            {' '}
            (groups <span>{who.groups.join(', ')}</span>)
          </>
        )}
        , but the cluster does not let you list anything Ordinal shows.
      </p>
      <p className="muted">{why}</p>
      <p>
        Ordinal shows each viewer what the cluster&apos;s RBAC lets them <code>list</code> and <code>watch</code>, kind by
        kind and namespace by namespace. Ask a cluster administrator for a RoleBinding (one namespace) or a
        ClusterRoleBinding to a role that reads pods, StatefulSets and the rest — the built-in <code>view</code> role does.
      </p>
      <p>To check what you may list:</p>
      <pre className="command">{`kubectl auth can-i list pods ${asUser} --all-namespaces\nkubectl auth can-i --list ${asUser} -n <namespace>`}</pre>
    </section>
  );
}
