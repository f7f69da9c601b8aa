import { SettingError, type Parser } from './parse';

/**
 * ORDINAL_BASE_PATH: the path prefix Ordinal is served under (an Ingress at `/ordinal/`), a
 * setting of the running server, not of the build — one image serves `/` or `/ordinal/`.
 * Next fixes basePath and assetPrefix when it builds, so Next is served from the root: the edge
 * takes the prefix off each request (server/edge/prefix.ts), the app writes it into its own links
 * (components/ui/basePath.ts), and the build names its assets under ASSET_PLACEHOLDER, which the
 * edge replaces with the prefix in every page, flight payload, script and stylesheet it sends.
 */
export const ASSET_PLACEHOLDER = '/__ordinal_base_path__';

const SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** The prefix without its trailing slash (`/ordinal`), or '' when unset; an unusable one is a SettingError. */
export const basePath: Parser<string> = (given, name) => {
  const raw = given?.trim() ?? '';
  const p = raw.replace(/\/+$/, '');
  if (p === '') return '';
  const segments = p.split('/').slice(1);
  const usable =
    p.startsWith('/') &&
    p.length <= 200 &&
    segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..') &&
    // Next's own and the API's paths stay what they are under the prefix.
    !['_next', 'api'].includes(segments[0]) &&
    p !== ASSET_PLACEHOLDER;
  if (!usable)
    throw new SettingError(
      name,
      `must be a path such as /ordinal (segments of letters, digits and . _ ~ -), not "${raw.slice(0, 60)}"`,
    );
  return p;
};
