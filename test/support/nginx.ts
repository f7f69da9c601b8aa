import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpOk } from '../../scripts/proc';

/**
 * Debian's nginx in front of a dashboard, configured as ingress-nginx renders an Ingress with a
 * Prefix path and deploy/overlays/ingress's annotations: the path passed on unchanged, HTTP/1.1
 * to the upstream, the forwarded headers, buffering off and long timeouts for the stream. Started
 * on a free loopback port by the test that needs it, stopped by it; apt installs it when missing.
 */
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** What an Ingress asks of ingress-nginx for Ordinal's location: its path and the annotations read here. */
export interface IngressRoute {
  prefix: string;
  buffering: boolean;
  readTimeoutS: number;
  sendTimeoutS: number;
}

export function nginxConfig(o: IngressRoute & { port: number; upstream: string; dir: string }): string {
  const root = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${root}worker_processes 1;
daemon off;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${o.dir}/access.log;
  client_body_temp_path ${o.dir}/body;
  proxy_temp_path ${o.dir}/proxy;
  fastcgi_temp_path ${o.dir}/fastcgi;
  uwsgi_temp_path ${o.dir}/uwsgi;
  scgi_temp_path ${o.dir}/scgi;
  # ingress-nginx's defaults for every location
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  server {
    listen 127.0.0.1:${o.port};
    location ${o.prefix} {
      proxy_set_header Host $http_host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Prefix ${o.prefix};
      # the Ingress's annotations (proxy-buffering, proxy-read-timeout, proxy-send-timeout)
      proxy_buffering ${o.buffering ? 'on' : 'off'};
      proxy_read_timeout ${o.readTimeoutS}s;
      proxy_send_timeout ${o.sendTimeoutS}s;
      proxy_pass ${o.upstream};
    }
  }
}
`;
}

export async function startNginx(upstream: string, route: IngressRoute): Promise<Nginx> {
  const { prefix } = route;
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx-light (npm test installs it)`);
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-nginx-'));
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d));
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig({ ...route, port, upstream, dir }));
  const child: ChildProcess = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  if (!(await httpOk(`${url}${prefix}/api/healthz`, 20_000))) {
    child.kill('SIGKILL');
    const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
    throw new Error(`nginx did not answer on ${url}: ${log.slice(-2000)}`);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // QUIT: nginx's graceful stop; KILL if it has not gone in time.
        child.kill('SIGQUIT');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
