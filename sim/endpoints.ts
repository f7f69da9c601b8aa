import { readFileSync } from 'node:fs';
import { request } from 'node:https';

export type SimApi = (method: 'GET' | 'POST', path: string) => Promise<unknown>;

/**
 * The sim's test endpoints (`/sim/v1/…`) from another process: the URL it printed, its
 * kubeconfig's bearer token and CA. The answer is parsed JSON; a status of 300 or more rejects.
 */
export function simEndpoints(url: string, kubeconfigPath: string): SimApi {
  const text = readFileSync(kubeconfigPath, 'utf8');
  const token = /token: (\S+)/.exec(text)?.[1] ?? '';
  const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(text)?.[1] ?? '', 'base64');
  return (method, path) =>
    new Promise<unknown>((res, rej) => {
      const req = request(`${url}${path}`, { method, ca, headers: { Authorization: `Bearer ${token}` } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (r.statusCode && r.statusCode < 300) res(JSON.parse(body));
          else rej(new Error(`${r.statusCode} ${body.slice(0, 300)}`));
        });
      });
      req.on('error', rej);
      req.end();
    });
}
