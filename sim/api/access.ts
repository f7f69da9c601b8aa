/**
 * Who is asking and whether they may: the apiserver's authentication (bearer tokens),
 * impersonation (`Impersonate-User`/`-Group`/`-Uid`, itself authorized) and authorization
 * (RBAC when on — `npm run sim -- --rbac` — else everything for anyone authenticated), and the
 * reviews that ask it from outside: SelfSubjectAccessReview, SubjectAccessReview, TokenReview,
 * and TokenRequest for service account tokens.
 */

import type { IncomingMessage } from 'node:http';
import { Authenticator, TokenError, type StaticToken } from '../auth/authn';
import {
  allows,
  forbiddenMessage,
  serviceAccountIdentity,
  serviceAccountOf,
  type Attributes,
  type Binding,
  type Identity,
  type Policy,
  type Role,
} from '../auth/rbac';
import { isObject } from '../model/meta';
import type { JsonObject } from '../model/types';
import { resources } from '../registry/lookup';
import { StatusError } from '../registry/errors';
import type { Registry } from '../registry/registry';
import type { ResourceRoute } from './route';

export const ANONYMOUS: Identity = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export class Access {
  readonly authn: Authenticator;

  constructor(
    private readonly registry: Registry,
    o: { adminToken: string; rbac: boolean; tokens?: StaticToken[] },
    /** Extra denials (the sim's `faults/forbid`), checked after RBAC. */
    private readonly denied: (a: Attributes) => boolean = () => false,
  ) {
    this.rbac = o.rbac;
    this.authn = new Authenticator(
      o.adminToken,
      (ns, name) => {
        const sa = registry.store.get(resources.serviceaccounts, ns, name);
        return sa?.metadata.uid ? { uid: sa.metadata.uid } : undefined;
      },
      o.tokens,
    );
  }

  readonly rbac: boolean;

  /** The request's identity: its bearer token's (401 if it names no one), or anonymous without one. */
  async identify(req: IncomingMessage): Promise<Identity | undefined> {
    const header = String(req.headers.authorization ?? '');
    if (!header) return ANONYMOUS;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const who = m ? await this.authn.authenticate(m[1]) : undefined;
    return who && this.impersonated(req, who);
  }

  /** Whether `who` may do `a`; a denial is the apiserver's 403 Status. */
  check(who: Identity, a: Attributes): void {
    if (!this.allowed(who, a)) throw forbidden(who, a);
  }

  allowed(who: Identity, a: Attributes): boolean {
    return (!this.rbac || allows(this.policy(), who, a)) && !this.denied(a);
  }

  private impersonated(req: IncomingMessage, who: Identity): Identity {
    const user = header(req, 'impersonate-user');
    const groups = headers(req, 'impersonate-group');
    if (!user) {
      if (groups.length) throw new StatusError(400, 'BadRequest', 'requested impersonation of groups without a user');
      return who;
    }
    const sa = serviceAccountOf(user);
    const asUser: Attributes = sa
      ? { resourceRequest: true, verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts', ...sa }
      : { resourceRequest: true, verb: 'impersonate', apiGroup: '', resource: 'users', name: user };
    this.check(who, asUser);
    for (const g of groups)
      this.check(who, { resourceRequest: true, verb: 'impersonate', apiGroup: '', resource: 'groups', name: g });
    const base = sa ? serviceAccountIdentity(sa.namespace, sa.name) : { name: user, groups: [] };
    const uid = header(req, 'impersonate-uid');
    return {
      name: base.name,
      ...(uid ? { uid } : {}),
      groups: [...new Set([...groups, ...base.groups, 'system:authenticated'])],
    };
  }

  private policy(): Policy {
    const store = this.registry.store;
    return {
      clusterRoleBindings: () => store.list(resources.clusterrolebindings) as unknown as Binding[],
      roleBindings: (ns) => store.list(resources.rolebindings, ns) as unknown as Binding[],
      clusterRole: (name) => store.get(resources.clusterroles, undefined, name) as unknown as Role | undefined,
      role: (ns, name) => store.get(resources.roles, ns, name) as unknown as Role | undefined,
    };
  }

  /** A create of a review (virtual resources) or of a token (serviceaccounts/token), answered here. */
  async answer(who: Identity, route: ResourceRoute, body: unknown): Promise<{ status: number; body: JsonObject }> {
    const b = isObject(body) ? body : {};
    const spec = isObject(b.spec) ? (b.spec as JsonObject) : {};
    switch (route.subresource === 'token' ? 'TokenRequest' : route.resource.kind) {
      case 'SelfSubjectAccessReview':
        return review('SelfSubjectAccessReview', spec, this.decide(who, spec));
      case 'SubjectAccessReview': {
        const subject: Identity = {
          name: String(spec.user ?? ''),
          ...(spec.uid ? { uid: String(spec.uid) } : {}),
          groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [],
        };
        return review('SubjectAccessReview', spec, this.decide(subject, spec));
      }
      case 'SelfSubjectReview':
        return created('authentication.k8s.io/v1', 'SelfSubjectReview', { status: { userInfo: userInfo(who) } });
      case 'TokenReview':
        return this.tokenReview(spec);
      case 'TokenRequest':
        return this.tokenRequest(route, spec);
      default:
        throw new StatusError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
    }
  }

  private decide(who: Identity, spec: JsonObject): { allowed: boolean; reason?: string } {
    const a = reviewAttributes(spec);
    if (!a)
      throw new StatusError(
        422,
        'Invalid',
        'spec: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      );
    const allowed = this.allowed(who, a);
    return allowed ? { allowed, reason: this.rbac ? 'RBAC: allowed by a binding' : '' } : { allowed };
  }

  private async tokenReview(spec: JsonObject) {
    const audiences = Array.isArray(spec.audiences) ? spec.audiences.map(String) : undefined;
    const who = typeof spec.token === 'string' ? await this.authn.authenticate(spec.token, audiences) : undefined;
    const status = who
      ? {
          authenticated: true,
          user: userInfo(who),
          ...(audiences ? { audiences } : {}),
        }
      : { authenticated: false, error: 'invalid bearer token' };
    return created('authentication.k8s.io/v1', 'TokenReview', { spec: { ...spec, token: '' }, status });
  }

  private async tokenRequest(route: ResourceRoute, spec: JsonObject) {
    try {
      const { token, expirationTimestamp } = await this.authn.issue(route.namespace ?? '', route.name ?? '', {
        audiences: Array.isArray(spec.audiences) ? spec.audiences.map(String) : undefined,
        expirationSeconds: spec.expirationSeconds === undefined ? undefined : Number(spec.expirationSeconds),
      });
      return {
        status: 201,
        body: {
          kind: 'TokenRequest',
          apiVersion: 'authentication.k8s.io/v1',
          metadata: { name: route.name ?? '', namespace: route.namespace ?? '', creationTimestamp: null },
          spec,
          status: { token, expirationTimestamp },
        },
      };
    } catch (e) {
      if (!(e instanceof TokenError)) throw e;
      if (e.missing) throw new StatusError(404, 'NotFound', e.message, { kind: 'serviceaccounts', name: route.name });
      throw new StatusError(422, 'Invalid', e.message);
    }
  }
}

function userInfo(who: Identity): JsonObject {
  return { username: who.name, ...(who.uid ? { uid: who.uid } : {}), groups: who.groups };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function headers(req: IncomingMessage, name: string): string[] {
  const v = req.headers[name];
  return (Array.isArray(v) ? v : v ? [v] : [])
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);
}

export function forbidden(who: Identity, a: Attributes): StatusError {
  return new StatusError(403, 'Forbidden', forbiddenMessage(who, a), {
    ...(a.resourceRequest ? { group: a.apiGroup, kind: a.resource, ...(a.name ? { name: a.name } : {}) } : {}),
  });
}

/** An access review's attributes (resourceAttributes or nonResourceAttributes), as the authorizer reads them. */
function reviewAttributes(spec: JsonObject): Attributes | undefined {
  if (isObject(spec.resourceAttributes)) {
    const r = spec.resourceAttributes as JsonObject;
    const opt = (k: string) => (typeof r[k] === 'string' && r[k] ? String(r[k]) : undefined);
    return {
      resourceRequest: true,
      verb: String(r.verb ?? ''),
      apiGroup: String(r.group ?? ''),
      resource: String(r.resource ?? ''),
      subresource: opt('subresource'),
      namespace: opt('namespace'),
      name: opt('name'),
    };
  }
  if (isObject(spec.nonResourceAttributes)) {
    const n = spec.nonResourceAttributes as JsonObject;
    return { resourceRequest: false, verb: String(n.verb ?? ''), path: String(n.path ?? '') };
  }
  return undefined;
}

function review(kind: string, spec: JsonObject, status: { allowed: boolean; reason?: string }) {
  return created('authorization.k8s.io/v1', kind, { spec, status });
}

/** A create the server answers without storing (a review, a token): 201 with the object it made. */
function created(apiVersion: string, kind: string, fields: JsonObject): { status: number; body: JsonObject } {
  return { status: 201, body: { kind, apiVersion, metadata: { creationTimestamp: null }, ...fields } };
}
