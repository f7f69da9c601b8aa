import { json, oneObject } from '@/server/api/http';
import { statefulSetDetail } from '@/server/topology/ordinals';

export const dynamic = 'force-dynamic';

export const GET = oneObject('StatefulSet', [], (sts, rt) => json(statefulSetDetail(sts, rt.cache.stores, Date.now())));
