/** Inputs from URLs, checked as Kubernetes names before they reach anything else. */
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isNamespaceName(s: string): boolean {
  return s.length <= 63 && LABEL.test(s);
}

export function isObjectName(s: string): boolean {
  return s.length <= 253 && SUBDOMAIN.test(s);
}
