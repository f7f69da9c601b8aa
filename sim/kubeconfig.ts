import { stringify } from 'yaml';

/** A kubeconfig for the sim: its CA, its URL and a bearer token, one context. */
export function renderKubeconfig(opts: {
  server: string;
  caCert: string;
  token: string;
  name?: string;
  namespace?: string;
}): string {
  const name = opts.name ?? 'ordinal-sim';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: { server: opts.server, 'certificate-authority-data': Buffer.from(opts.caCert).toString('base64') },
      },
    ],
    users: [{ name, user: { token: opts.token } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: opts.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
