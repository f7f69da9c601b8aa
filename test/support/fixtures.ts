import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { normalize } from '../../server/cache/normalize';
import type { LiveStores } from '../../server/cache/indexes';
import type { KObject } from '../../server/cache/types';
import { storesOf } from '../../server/cache/view';

/** Test helper: YAML/JSON fixture files (multi-document, Lists) → normalized, indexed stores. */
export function loadFixtures(...paths: string[]): LiveStores {
  const objects: KObject[] = [];
  for (const path of paths) {
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const v = doc.toJS() as { kind?: string; apiVersion?: string; items?: unknown[] } | null;
      if (!v?.kind) continue;
      const items =
        v.kind.endsWith('List') && Array.isArray(v.items)
          ? (v.items as Array<{ kind?: string; apiVersion?: string }>)
          : [v];
      for (const item of items)
        objects.push(
          normalize(item.kind ?? v.kind.replace(/List$/, ''), item.apiVersion ?? v.apiVersion ?? 'v1', item),
        );
    }
  }
  return storesOf(objects);
}
