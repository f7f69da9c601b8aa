import { createHash } from 'node:crypto';
import { apiVersionOf, RESOURCES, type ResourceType } from '../model/resources';
import type { JsonObject } from '../model/types';

/**
 * A minimal OpenAPI v3 surface: enough for kubectl to see that the server validates
 * fields itself (the `fieldValidation` parameter on each kind's PATCH), so that
 * apply/create/edit skip client-side schema validation and compute strategic merge
 * patches from their built-in types. Schemas are not served.
 */
function gvPath(r: ResourceType): string {
  return r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
}

function itemPath(r: ResourceType): string {
  return r.namespaced ? `/${gvPath(r)}/namespaces/{namespace}/${r.resource}/{name}` : `/${gvPath(r)}/${r.resource}/{name}`;
}

const PARAM = (name: string, inn: 'query' | 'path') => ({ name, in: inn, ...(inn === 'path' ? { required: true } : {}), schema: { type: 'string', uniqueItems: true } });

function document(path: string): JsonObject {
  const paths: JsonObject = {};
  for (const r of RESOURCES.filter((x) => gvPath(x) === path && !x.virtual)) {
    const [group, version] = r.group ? [r.group, r.version] : ['', r.version];
    paths[itemPath(r)] = {
      parameters: [PARAM('name', 'path'), ...(r.namespaced ? [PARAM('namespace', 'path')] : [])],
      patch: {
        operationId: `patch${r.kind}`,
        tags: [apiVersionOf(r)],
        parameters: [PARAM('dryRun', 'query'), PARAM('fieldManager', 'query'), PARAM('fieldValidation', 'query'), PARAM('force', 'query')],
        requestBody: { content: { 'application/json-patch+json': { schema: { type: 'object' } }, 'application/merge-patch+json': { schema: { type: 'object' } } }, required: true },
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: r.kind },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths, components: { schemas: {} } };
}

const GV_PATHS = [...new Set(RESOURCES.map(gvPath))];
const DOCS = new Map(GV_PATHS.map((p) => [p, JSON.stringify(document(p))]));
const HASHES = new Map([...DOCS].map(([p, d]) => [p, createHash('sha512').update(d).digest('hex').slice(0, 128).toUpperCase()]));

export function openapiIndex(): JsonObject {
  return { paths: Object.fromEntries(GV_PATHS.map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${HASHES.get(p)}` }])) };
}

/** The document for "api/v1", "apis/apps/v1", …, as serialized JSON. */
export function openapiDocument(path: string): string | undefined {
  return DOCS.get(path);
}
