/** Who is asking, as authentication says. */
export interface Identity {
  name: string;
  uid?: string;
  groups: string[];
}

/** What is asked (the apiserver's authorizer.Attributes). */
export type Attributes =
  | {
      resourceRequest: true;
      verb: string;
      apiGroup: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { resourceRequest: false; verb: string; path: string };

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface Binding {
  metadata: { name: string; namespace?: string };
  roleRef?: { kind?: string; name?: string };
  subjects?: Subject[];
}

export interface Role {
  metadata: { name: string; namespace?: string };
  rules?: PolicyRule[];
}

/** Where the authorizer reads the policy (the sim's store). */
export interface Policy {
  clusterRoleBindings(): Binding[];
  roleBindings(namespace: string): Binding[];
  clusterRole(name: string): Role | undefined;
  role(namespace: string, name: string): Role | undefined;
}

export const SUPERUSER_GROUP = 'system:masters';
const SA_PREFIX = 'system:serviceaccount:';

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (!!subresource && r === `*/${subresource}`));
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) return urlMatches(rule, a.path);
  if (!has(rule.apiGroups, a.apiGroup) || !resourceMatches(rule, a.resource, a.subresource)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!a.name && names.includes(a.name));
}

/** A binding's subject applies to the user: by name, by group, or as the service account it is. */
export function appliesTo(s: Subject, who: Identity, bindingNamespace?: string): boolean {
  switch (s.kind) {
    case 'User':
      return !!s.name && s.name === who.name;
    case 'Group':
      return !!s.name && who.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return !!ns && !!s.name && who.name === `${SA_PREFIX}${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

function rulesOf(p: Policy, b: Binding): PolicyRule[] {
  const ref = b.roleRef;
  if (!ref?.name) return [];
  if (ref.kind === 'ClusterRole') return p.clusterRole(ref.name)?.rules ?? [];
  if (ref.kind === 'Role' && b.metadata.namespace) return p.role(b.metadata.namespace, ref.name)?.rules ?? [];
  return [];
}

/**
 * The apiserver's RBAC authorizer, as pkg/apis/rbac/v1/evaluation_helpers.go and
 * plugin/pkg/auth/authorizer/rbac evaluate it: a request is allowed when a rule of a role bound
 * to the user (a ClusterRoleBinding anywhere, a RoleBinding in the request's namespace) matches
 * its verb, API group, resource (and subresource), name — or, for a non-resource request, its
 * path. Members of system:masters are allowed everything. No deny rules, no aggregation.
 */
export function allows(p: Policy, who: Identity, a: Attributes): boolean {
  if (who.groups.includes(SUPERUSER_GROUP)) return true;
  const bound = (bindings: Binding[], ns?: string) =>
    bindings.some(
      (b) => (b.subjects ?? []).some((s) => appliesTo(s, who, ns)) && rulesOf(p, b).some((r) => ruleAllows(r, a)),
    );
  if (bound(p.clusterRoleBindings())) return true;
  return a.resourceRequest && !!a.namespace && bound(p.roleBindings(a.namespace), a.namespace);
}

/** The apiserver's 403 message for a request it does not allow. */
export function forbiddenMessage(who: Identity, a: Attributes): string {
  const user = `User "${who.name}"`;
  if (!a.resourceRequest) return `forbidden: ${user} cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const named = a.name ? ` "${a.name}"` : '';
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${qualified}${named} is forbidden: ${user} cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" ${scope}`;
}

/** A service account's user name, and the groups every service account token carries. */
export function serviceAccountIdentity(namespace: string, name: string, uid?: string): Identity {
  return {
    name: `${SA_PREFIX}${namespace}:${name}`,
    ...(uid ? { uid } : {}),
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

/** `system:serviceaccount:NS:NAME` → its namespace and name. */
export function serviceAccountOf(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const [namespace, name, ...rest] = user.slice(SA_PREFIX.length).split(':');
  return namespace && name && rest.length === 0 ? { namespace, name } : undefined;
}
