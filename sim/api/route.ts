import { findResource, type ResourceType } from '../model/resources';

/** A parsed Kubernetes resource path. */
export interface ResourceRoute {
  resource: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type Route =
  | { type: 'resource'; route: ResourceRoute }
  | { type: 'discovery'; group: string; version?: string }
  | { type: 'unknown' };

/** Splits /api/v1/... and /apis/g/v/... paths into resource routes; undefined when not a resource path. */
export function parseResourcePath(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 2) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return { type: 'unknown' };
  if (!version || rest.length === 0) return { type: 'discovery', group, version };

  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const resource = findResource(group, version, rest[2]);
    if (resource?.namespaced) {
      if (rest.length > 5) return { type: 'unknown' };
      return { type: 'resource', route: { resource, namespace: rest[1], name: rest[3], subresource: rest[4] } };
    }
    if (group === '' && rest.length === 3) {
      // /api/v1/namespaces/{name}/{subresource}
      const ns = findResource('', 'v1', 'namespaces');
      if (ns) return { type: 'resource', route: { resource: ns, name: rest[1], subresource: rest[2] } };
    }
    return { type: 'unknown' };
  }
  const resource = findResource(group, version, rest[0]);
  if (!resource || rest.length > 3) return { type: 'unknown' };
  if (resource.namespaced && rest.length > 1) return { type: 'unknown' };
  return { type: 'resource', route: { resource, name: rest[1], subresource: rest[2] } };
}
