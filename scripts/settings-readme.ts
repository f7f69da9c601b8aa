import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSettingsTable } from '../server/settings/readme';

/** `npm run settings:readme`: writes README's settings table from server/settings/table.ts. */
const path = join(import.meta.dirname, '..', 'README.md');
const before = readFileSync(path, 'utf8');
const after = withSettingsTable(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README settings table: already up to date' : 'README settings table: written');
