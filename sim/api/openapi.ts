import { createHash } from 'node:crypto';
import { apiVersionOf, groupVersionPath, RESOURCES, type ResourceType } from '../model/resources';
import type { JsonObject } from '../model/types';
import { closure, servedDefinitions, type Schema } from './schemas';

/**
 * The OpenAPI v3 surface kubectl reads: each kind's PATCH with the `fieldValidation`
 * parameter (so apply/create/edit leave validation to the server and compute strategic
 * merge patches from their built-in types), and the schemas `kubectl explain` renders,
 * in the apiserver's v3 form (references to other schemas wrapped in allOf).
 */
function itemPath(r: ResourceType): string {
  return r.namespaced
    ? `/${groupVersionPath(r)}/namespaces/{namespace}/${r.resource}/{name}`
    : `/${groupVersionPath(r)}/${r.resource}/{name}`;
}

const PARAM = (name: string, inn: 'query' | 'path') => ({
  name,
  in: inn,
  ...(inn === 'path' ? { required: true } : {}),
  schema: { type: 'string', uniqueItems: true },
});

function document(path: string): JsonObject {
  const paths: JsonObject = {};
  for (const r of RESOURCES.filter((x) => groupVersionPath(x) === path && !x.virtual)) {
    const [group, version] = r.group ? [r.group, r.version] : ['', r.version];
    paths[itemPath(r)] = {
      parameters: [PARAM('name', 'path'), ...(r.namespaced ? [PARAM('namespace', 'path')] : [])],
      patch: {
        operationId: `patch${r.kind}`,
        tags: [apiVersionOf(r)],
        parameters: [
          PARAM('dryRun', 'query'),
          PARAM('fieldManager', 'query'),
          PARAM('fieldValidation', 'query'),
          PARAM('force', 'query'),
        ],
        requestBody: {
          content: {
            'application/json-patch+json': { schema: { type: 'object' } },
            'application/merge-patch+json': { schema: { type: 'object' } },
          },
          required: true,
        },
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: r.kind },
      },
    };
  }
  const info = { title: 'Kubernetes', version: 'v1.32.4' };
  return { openapi: '3.0.0', info, paths, components: { schemas: schemasOf(path) } };
}

function v3(s: Schema, property = false): JsonObject {
  const { $ref, items, additionalProperties, properties, ...rest } = s;
  const out: JsonObject = { ...rest };
  if ($ref) {
    const ref = { $ref: $ref.replace('#/definitions/', '#/components/schemas/') };
    if (!property) return { ...out, ...ref };
    return { ...out, allOf: [ref], default: {} };
  }
  if (items) out.items = v3(items, true);
  if (additionalProperties) out.additionalProperties = v3(additionalProperties, true);
  if (properties) out.properties = Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, v3(p, true)]));
  return out;
}

function schemasOf(path: string): JsonObject {
  const { definitions, roots } = servedDefinitions();
  const reached = closure(roots.get(path) ?? [], definitions);
  return Object.fromEntries([...reached].map(([name, s]) => [name, v3(s)]));
}

const GV_PATHS = [...new Set(RESOURCES.map(groupVersionPath))];
let docs: Map<string, { text: string; hash: string }> | undefined;

/** Built on first use: the schemas read the client library's model files. */
function served(): Map<string, { text: string; hash: string }> {
  docs ??= new Map(
    GV_PATHS.map((p) => {
      const text = JSON.stringify(document(p));
      return [p, { text, hash: createHash('sha512').update(text).digest('hex').slice(0, 128).toUpperCase() }];
    }),
  );
  return docs;
}

export function openapiIndex(): JsonObject {
  const all = served();
  const url = (p: string) => ({ serverRelativeURL: `/openapi/v3/${p}?hash=${all.get(p)?.hash}` });
  return { paths: Object.fromEntries(GV_PATHS.map((p) => [p, url(p)])) };
}

/** The document for "api/v1", "apis/apps/v1", …, as serialized JSON. */
export function openapiDocument(path: string): string | undefined {
  return served().get(path)?.text;
}
