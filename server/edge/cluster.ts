/**
 * `/c/{cluster}/…` of the app's path (the base path already off): the path Next is to see and the
 * cluster it is about (absent: the default cluster). The bare `/c/{cluster}` redirects to its root.
 */

import { isClusterName } from '@/lib/wire/clusters';
import type { Rejection } from './guard';

export type ClusterRouted = { url: string; cluster?: string } | { redirect: string } | Rejection;

export function routeCluster(url: string): ClusterRouted {
  const m = /^\/c\/([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) return { url };
  let name: string;
  try {
    name = decodeURIComponent(m[1]);
  } catch {
    name = '';
  }
  if (!isClusterName(name))
    return { status: 400, code: 'BadRequest', message: 'the cluster in /c/{cluster}/ must be a context name' };
  if (m[2] === undefined) return { redirect: `/c/${m[1]}/${m[3] ?? ''}` };
  return { url: `${m[2]}${m[3] ?? ''}`, cluster: name };
}
