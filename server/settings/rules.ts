import { type Env, SettingError, type SettingRow } from './parse';
import { SETTINGS, type Settings } from './table';

/** A rule between settings: the setting it names when broken, and the words for why; undefined when kept. */
interface Rule {
  setting: string;
  broken(s: Settings): string | undefined;
}

const RULES: readonly Rule[] = [
  {
    setting: 'ORDINAL_OIDC_ISSUER',
    broken: (s) =>
      s.auth === 'oidc' && !s.oidcIssuer ? 'is required with ORDINAL_AUTH=oidc (the provider’s issuer URL)' : undefined,
  },
  {
    setting: 'ORDINAL_OIDC_CLIENT_ID',
    broken: (s) => (s.auth === 'oidc' && !s.oidcClientId ? 'is required with ORDINAL_AUTH=oidc' : undefined),
  },
  {
    setting: 'ORDINAL_AUTHZ',
    broken: (s) =>
      s.auditFile && s.authz !== 'none'
        ? 'cluster-rbac asks a cluster, and ORDINAL_AUDIT_FILE serves a file with none'
        : undefined,
  },
];

/**
 * Every setting of the table read from `env` and checked, then the rules between them. All the
 * errors are found before one is thrown: the first, saying how many more there are and where.
 */
export function parseSettings(env: Env): Settings {
  const values: Record<string, unknown> = {};
  const errors: SettingError[] = [];
  for (const [key, r] of Object.entries(SETTINGS) as [string, SettingRow<unknown>][]) {
    try {
      values[key] = r.parse(env[r.env], r.env);
    } catch (e) {
      if (!(e instanceof SettingError)) throw e;
      errors.push(e);
    }
  }
  // Rules read typed values: only when every row parsed.
  const settings = values as Settings;
  if (!errors.length)
    for (const rule of RULES) {
      const why = rule.broken(settings);
      if (why) errors.push(new SettingError(rule.setting, why));
    }
  if (!errors.length) return settings;
  const [first, ...more] = errors;
  if (!more.length) throw first;
  throw new SettingError(
    first.setting,
    `${first.message.slice(first.setting.length + 2)} (and ${more.map((e) => e.message).join('; ')})`,
  );
}
