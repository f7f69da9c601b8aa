import { json, oneObject } from '@/server/api/http';
import { podDetail } from '@/server/topology/poddetail';

export const dynamic = 'force-dynamic';

/** One pod, one level deeper: containers, probes, the last probe failure, mounts, events, its rollout's diff (lib/wire/pod.ts). */
export const GET = oneObject('Pod', [], (pod, rt) =>
  json(podDetail(pod, rt.cache.stores, Date.now(), rt.cache.history)),
);
