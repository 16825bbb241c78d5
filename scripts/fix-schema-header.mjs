// Marks the generated schema as generated, so nobody edits it by hand.
import { readFileSync, writeFileSync } from 'node:fs';
const file = 'src/lib/server/db/schema.ts';
const body = readFileSync(file, 'utf8').replace(/^\/\*\*[\s\S]*?\*\/\n/, '');
writeFileSync(
	file,
	`/**\n * Generated from the migrated database by \`npm run db:types\` (kysely-codegen). Do not edit.\n * Geometry columns are typed as strings (hex EWKB); read and write them through ./postgis.\n */\n${body}`
);
