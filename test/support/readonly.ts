import type { SimApi } from '../../sim/endpoints';

/**
 * Read-only is absolute: every request a dashboard made of the sim (known by its User-Agent;
 * kubectl and the tests use others) must be a get, list or watch — or the create of an access or
 * token review, which reads policy and changes nothing. Returns the offending requests.
 */
const READ_VERBS = new Set(['get', 'list', 'watch']);
const POLICY_READS =
  /^\/apis\/(authorization|authentication)\.k8s\.io\/v1\/(selfsubjectaccessreviews|subjectaccessreviews|tokenreviews|selfsubjectreviews)$/;

export async function dashboardWrites(simApi: SimApi): Promise<string[]> {
  const log = (await simApi('GET', '/sim/v1/requests')) as Array<{ verb: string; path: string; userAgent: string }>;
  return log
    .filter((r) => r.userAgent.startsWith('ordinal-dashboard/'))
    .filter((r) => !READ_VERBS.has(r.verb) && !(r.verb === 'create' && POLICY_READS.test(r.path.split('?')[0])))
    .map((r) => `${r.verb} ${r.path}`);
}
