/**
 * What the server does once before it takes requests: migrate, make sure the tenant
 * exists, create the admin account from the environment, and load the demo data where
 * configured. Shared by the server's init hook and the CLI.
 */
import { config } from './config';
import { database } from './db';
import { migrateToLatest } from './db/migrate';
import { DEMO_ACCOUNTS, ensureTenant, loadDemo, upsertAccount } from './demo/load';
import { completeZoneFigures } from '$lib/zones/zones.server';

export interface StartupReport {
	mode: 'embedded' | 'postgres';
	migrated: string[];
	demo: Record<string, number> | null;
	demoAccounts: typeof DEMO_ACCOUNTS | null;
	milliseconds: number;
}

export async function prepareDatabase(): Promise<StartupReport> {
	const started = performance.now();
	const { db, mode } = database();
	const migration = await migrateToLatest(db);
	await ensureTenant(db, config.LYKTA_TENANT, config.LYKTA_TENANT_NAME);
	// Zones from before their figures were split get them now (once; see the zone-figures migration).
	await completeZoneFigures(db);

	const empty = !(await db.selectFrom('areas').select('id').where('tenant_id', '=', config.LYKTA_TENANT).limit(1).executeTakeFirst());
	const wantDemo = config.LYKTA_DEMO === 'on' || (config.LYKTA_DEMO === 'auto' && mode === 'embedded');
	const demo = empty && wantDemo ? (await loadDemo(db, config.LYKTA_TENANT, config.LYKTA_TENANT_NAME)).counts : null;

	if (config.LYKTA_ADMIN_EMAIL && config.LYKTA_ADMIN_PASSWORD) {
		await upsertAccount(db, config.LYKTA_TENANT, {
			email: config.LYKTA_ADMIN_EMAIL,
			password: config.LYKTA_ADMIN_PASSWORD,
			displayName: 'Administratör',
			role: 'admin',
			areaId: null,
			incidents: true
		});
	}

	const hasDemoAccounts = !!(await db
		.selectFrom('users')
		.select('id')
		.where('email', '=', DEMO_ACCOUNTS[0].email)
		.where('tenant_id', '=', config.LYKTA_TENANT)
		.executeTakeFirst());

	return {
		mode,
		migrated: (migration.results ?? []).map((r) => r.migrationName),
		demo,
		demoAccounts: hasDemoAccounts && mode === 'embedded' ? DEMO_ACCOUNTS : null,
		milliseconds: Math.round(performance.now() - started)
	};
}

export function describeStartup(report: StartupReport): string {
	const lines = [`Lykta: ${report.mode === 'embedded' ? 'embedded PostgreSQL/PostGIS' : 'PostgreSQL server'} ready in ${report.milliseconds} ms`];
	if (report.migrated.length) lines.push(`  migrations applied: ${report.migrated.join(', ')}`);
	if (report.demo)
		lines.push(`  demo data loaded: ${Object.entries(report.demo).map(([k, v]) => `${v} ${k}`).join(', ')}`);
	if (report.demoAccounts) {
		lines.push('  demo logins (synthetic accounts; password for all: ' + report.demoAccounts[0].password + '):');
		for (const a of report.demoAccounts) lines.push(`    ${a.role.padEnd(12)} ${a.email}  — ${a.label}`);
	}
	return lines.join('\n');
}
