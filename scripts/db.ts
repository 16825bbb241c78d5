/**
 * Database commands for operators (run with tsx, against DATABASE_URL or the embedded
 * database in LYKTA_DATA_DIR — stop the app first when it is embedded):
 *
 *   npm run db:migrate                      bring the schema up to date
 *   npm run db:seed                         load geodata + demo data into an empty database
 *   npm run db:reset-demo -- --yes          empty every table, then load the demo data
 *   npm run db -- grant <email> <role> [area-slug|*] [--incidents] [--name "Full Name"]
 *                                           create the account if needed and grant a role
 *   npm run token -- <email> <token name>   create an API token for scripts (printed once)
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { config } from '../src/lib/server/config';
import { closeDatabase, database } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { ensureTenant, loadDemo, upsertAccount } from '../src/lib/server/demo/load';
import { completeZoneFigures } from '../src/lib/zones/zones.server';
import { createApiToken } from '../src/lib/server/auth/actors.server';
import { ROLES, type Role } from '../src/lib/users/user';

const [command, ...args] = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--name'));

async function main() {
	const { db, mode } = database();
	const tenant = config.LYKTA_TENANT;
	console.log(`Database: ${mode === 'embedded' ? `embedded (${config.LYKTA_DATA_DIR})` : 'PostgreSQL server'}`);
	await migrateToLatest(db);
	await ensureTenant(db, tenant, config.LYKTA_TENANT_NAME);
	// Zones from before their figures were split get them (as the app does on start).
	await completeZoneFigures(db);

	switch (command) {
		case 'migrate':
			console.log('Schema is up to date.');
			break;
		case 'reset-demo': {
			if (!flag('yes')) throw new Error('This empties every table. Add --yes to confirm.');
			const { rows } = await sql<{ tablename: string }>`
				SELECT tablename FROM pg_tables WHERE schemaname = 'public'
				AND tablename NOT IN ('spatial_ref_sys', 'lykta_migrations', 'lykta_migrations_lock')`.execute(db);
			await sql.raw(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`).execute(db);
			await ensureTenant(db, tenant, config.LYKTA_TENANT_NAME);
		}
		// falls through: load the demo into the now empty database
		case 'seed': {
			const existing = await db.selectFrom('areas').select('id').where('tenant_id', '=', tenant).limit(1).executeTakeFirst();
			if (existing) {
				console.log('The database already has areas; not loading the demo (use reset-demo --yes to start over).');
				break;
			}
			const { counts } = await loadDemo(db, tenant, config.LYKTA_TENANT_NAME);
			console.log('Demo data loaded:', counts);
			break;
		}
		case 'grant': {
			const [email, role, areaSlug = '*'] = positional;
			if (!email || !ROLES.includes(role as Role)) throw new Error(`Usage: grant <email> <${ROLES.join('|')}> [area-slug|*] [--incidents]`);
			let areaId: string | null = null;
			if (areaSlug !== '*') {
				const area = await db.selectFrom('areas').select('id').where('tenant_id', '=', tenant).where('slug', '=', areaSlug).executeTakeFirst();
				if (!area) throw new Error(`No area with slug ${areaSlug}`);
				areaId = area.id;
			}
			const existing = await db.selectFrom('users').select('id').where('tenant_id', '=', tenant).where('email', '=', email.toLowerCase()).executeTakeFirst();
			const password = existing ? null : (process.env.LYKTA_NEW_PASSWORD ?? randomBytes(12).toString('base64url'));
			if (existing) {
				await db
					.insertInto('area_roles')
					.values({ tenant_id: tenant, user_id: existing.id, area_id: areaId, role, incidents: flag('incidents') })
					.onConflict((oc) => oc.doNothing())
					.execute();
			} else {
				await upsertAccount(db, tenant, { email, password: password!, displayName: option('name') ?? email, role: role as Role, areaId, incidents: flag('incidents') });
				console.log(`Created ${email} with password: ${password}`);
			}
			console.log(`Granted ${role} in ${areaSlug === '*' ? 'every area' : areaSlug} to ${email}.`);
			break;
		}
		case 'token': {
			const [email, ...name] = positional;
			const user = email && (await db.selectFrom('users').select('id').where('tenant_id', '=', tenant).where('email', '=', email.toLowerCase()).executeTakeFirst());
			if (!user) throw new Error('Usage: token <email of an existing user> <token name>');
			const token = await createApiToken(db, tenant, user.id, name.join(' ') || 'script');
			console.log(`API token for ${email} (shown once; send as "Authorization: Bearer <token>"):\n${token.token}`);
			break;
		}
		default:
			throw new Error(`Unknown command "${command ?? ''}". Commands: migrate, seed, reset-demo --yes, grant, token.`);
	}
}

try {
	await main();
} catch (error) {
	console.error(`Error: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await closeDatabase();
}
