import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiServer } from './api/server';
import type { StaticToken } from './auth/authn';
import { createCluster, type Cluster, type ClusterOptions } from './cluster';
import { renderKubeconfig } from './kubeconfig';
import { generateTls } from './tls';

export interface SimOptions extends ClusterOptions {
  port?: number;
  host?: string;
  kubeconfigPath?: string;
  bookmarkIntervalMs?: number;
  token?: string;
  /** Authorize every request by RBAC (`--rbac`). */
  rbac?: boolean;
  /** Static bearer tokens for users and groups (`--token-auth-file`, `--user-token`). */
  tokens?: StaticToken[];
}

export interface Sim extends Cluster {
  url: string;
  port: number;
  token: string;
  caCert: string;
  kubeconfig: string;
  kubeconfigPath?: string;
  api: ApiServer;
  close(): Promise<void>;
}

/** Boots a cluster behind its HTTPS API server and writes the kubeconfig. Controllers are started by the caller. */
export async function startSim(opts: SimOptions = {}): Promise<Sim> {
  const cluster = createCluster(opts);
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tls = generateTls();
  const api = new ApiServer({
    registry: cluster.registry,
    token,
    key: tls.key,
    cert: tls.cert,
    bookmarkIntervalMs: opts.bookmarkIntervalMs,
    rbac: opts.rbac,
    tokens: opts.tokens,
  });
  const host = opts.host ?? '127.0.0.1';
  const port = await api.listen(opts.port ?? 0, host);
  const url = `https://${host}:${port}`;
  const kubeconfig = renderKubeconfig({ server: url, caCert: tls.caCert, token });
  if (opts.kubeconfigPath) {
    mkdirSync(dirname(opts.kubeconfigPath), { recursive: true });
    writeFileSync(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  return {
    ...cluster,
    url,
    port,
    token,
    caCert: tls.caCert,
    kubeconfig,
    kubeconfigPath: opts.kubeconfigPath,
    api,
    async close() {
      cluster.controllers?.stop();
      await api.close();
    },
  };
}
