import { deepEqual, isDns1123Label, isDns1123Subdomain, isObject } from '../model/meta';
import type { JsonObject, KubeObject } from '../model/types';
import { matchesRequirements, requirementsOf, SelectorError, type LabelSelector } from '../query/labels';
import type { Cause } from './errors';

/** Create and update validation for the rules users actually hit with these kinds. */
const LABEL_NAMES = new Set(['Namespace', 'Service']);
/** RBAC objects are named by path segment (ValidatePathSegmentName): `system:discovery` is a name. */
const PATH_SEGMENT_NAMES = new Set(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

function spec(o: KubeObject): JsonObject {
  return isObject((o as JsonObject).spec) ? ((o as JsonObject).spec as JsonObject) : {};
}

export function validateName(o: KubeObject): Cause[] {
  const name = o.metadata.name;
  if (!name)
    return [
      {
        field: 'metadata.name',
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
      },
    ];
  if (PATH_SEGMENT_NAMES.has(o.kind)) {
    if (name !== '.' && name !== '..' && !/[/%]/.test(name)) return [];
    return [
      {
        field: 'metadata.name',
        message: `Invalid value: "${name}": may not be '.' or '..' and may not contain '/' or '%'`,
      },
    ];
  }
  const ok = LABEL_NAMES.has(o.kind) ? isDns1123Label(name) : isDns1123Subdomain(name);
  if (ok) return [];
  return [
    {
      field: 'metadata.name',
      message: `Invalid value: "${name}": a lowercase RFC 1123 ${LABEL_NAMES.has(o.kind) ? 'label' : 'subdomain'} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    },
  ];
}

function validateStatefulSet(o: KubeObject): Cause[] {
  const s = spec(o);
  const causes: Cause[] = [];
  const selector = s.selector;
  if (!isObject(selector)) return [{ field: 'spec.selector', reason: 'FieldValueRequired', message: 'Required value' }];
  const template = isObject(s.template) ? (s.template as JsonObject) : {};
  const labels = (isObject(template.metadata) ? (template.metadata as JsonObject).labels : undefined) as
    Record<string, string> | undefined;
  try {
    const reqs = requirementsOf(selector as LabelSelector);
    if (reqs.length === 0)
      causes.push({ field: 'spec.selector', message: 'Invalid value: empty selector is invalid for statefulset' });
    else if (!matchesRequirements(labels, reqs)) {
      causes.push({
        field: 'spec.template.metadata.labels',
        message: `Invalid value: ${JSON.stringify(labels ?? {})}: \`selector\` does not match template \`labels\``,
      });
    }
  } catch (e) {
    causes.push({ field: 'spec.selector', message: (e as SelectorError).message });
  }
  if (typeof s.replicas === 'number' && s.replicas < 0)
    causes.push({ field: 'spec.replicas', message: 'Invalid value: must be greater than or equal to 0' });
  causes.push(...validatePodSpec(isObject(template.spec) ? (template.spec as JsonObject) : {}, 'spec.template.spec'));
  return causes;
}

function validatePodSpec(ps: JsonObject, path: string): Cause[] {
  const containers = Array.isArray(ps.containers) ? ps.containers : [];
  if (containers.length === 0)
    return [{ field: `${path}.containers`, reason: 'FieldValueRequired', message: 'Required value' }];
  const causes: Cause[] = [];
  containers.forEach((c, i) => {
    if (!isObject(c) || !c.name)
      causes.push({ field: `${path}.containers[${i}].name`, reason: 'FieldValueRequired', message: 'Required value' });
    if (!isObject(c) || !c.image)
      causes.push({ field: `${path}.containers[${i}].image`, reason: 'FieldValueRequired', message: 'Required value' });
  });
  return causes;
}

function validateData(o: KubeObject): Cause[] {
  const causes: Cause[] = [];
  for (const section of ['data', 'binaryData']) {
    const d = (o as JsonObject)[section];
    if (!isObject(d)) continue;
    for (const k of Object.keys(d)) {
      if (!DATA_KEY.test(k) || k.length > 253)
        causes.push({
          field: `${section}[${k}]`,
          message: `Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
        });
    }
  }
  return causes;
}

function validateClaim(o: KubeObject): Cause[] {
  const s = spec(o);
  const causes: Cause[] = [];
  if (!Array.isArray(s.accessModes) || s.accessModes.length === 0)
    causes.push({
      field: 'spec.accessModes',
      reason: 'FieldValueRequired',
      message: 'Required value: at least 1 access mode is required',
    });
  const requests =
    isObject(s.resources) && isObject((s.resources as JsonObject).requests)
      ? ((s.resources as JsonObject).requests as JsonObject)
      : {};
  if (requests.storage === undefined)
    causes.push({ field: 'spec.resources[storage]', reason: 'FieldValueRequired', message: 'Required value' });
  return causes;
}

function validateService(o: KubeObject): Cause[] {
  const s = spec(o);
  const headless = s.clusterIP === 'None';
  if (!headless && s.type !== 'ExternalName' && (!Array.isArray(s.ports) || s.ports.length === 0)) {
    return [{ field: 'spec.ports', reason: 'FieldValueRequired', message: 'Required value' }];
  }
  return [];
}

export function validateCreate(o: KubeObject): Cause[] {
  const causes = validateName(o);
  switch (o.kind) {
    case 'StatefulSet':
      return [...causes, ...validateStatefulSet(o)];
    case 'Pod':
      return [...causes, ...validatePodSpec(spec(o), 'spec')];
    case 'ConfigMap':
    case 'Secret':
      return [...causes, ...validateData(o)];
    case 'PersistentVolumeClaim':
      return [...causes, ...validateClaim(o)];
    case 'Service':
      return [...causes, ...validateService(o)];
    default:
      return causes;
  }
}

const STS_MUTABLE = new Set([
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
]);

function immutableExcept(before: JsonObject, after: JsonObject, mutable: Set<string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !mutable.has(k) && !deepEqual(before[k], after[k]));
}

export function validateUpdate(before: KubeObject, after: KubeObject): Cause[] {
  const causes = validateCreate(after);
  if (before.kind === 'StatefulSet' && immutableExcept(spec(before), spec(after), STS_MUTABLE).length > 0) {
    causes.push({
      field: 'spec',
      reason: 'FieldValueForbidden',
      message:
        "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    });
  }
  if (before.kind === 'PersistentVolumeClaim') {
    const changed = immutableExcept(
      spec(before),
      spec(after),
      new Set(['resources', 'volumeName', 'volumeAttributesClassName']),
    );
    if (changed.length > 0)
      causes.push({
        field: 'spec',
        reason: 'FieldValueForbidden',
        message:
          'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      });
  }
  if (before.kind === 'Pod') {
    const strip = (s: JsonObject): JsonObject => ({
      ...s,
      containers: (Array.isArray(s.containers) ? s.containers : []).map((c) =>
        isObject(c) ? { ...c, image: undefined } : c,
      ),
      nodeName: undefined,
      activeDeadlineSeconds: undefined,
      tolerations: undefined,
    });
    if (!deepEqual(strip(spec(before)), strip(spec(after)))) {
      causes.push({
        field: 'spec',
        reason: 'FieldValueForbidden',
        message:
          'Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.activeDeadlineSeconds` or `spec.tolerations` (only additions to existing tolerations)',
      });
    }
  }
  return causes;
}
