import { json, oneObject } from '@/server/api/http';
import { serviceDetail } from '@/server/topology/endpoints';

export const dynamic = 'force-dynamic';

export const GET = oneObject('Service', [], (svc, rt) => json(serviceDetail(svc, rt.cache.stores, Date.now())));
