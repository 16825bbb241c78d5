import { Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Kysely } from 'kysely';
import { migrations } from '../../../../migrations';

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableName: 'lykta_migrations',
		migrationLockTableName: 'lykta_migrations_lock'
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		const name = failed ? ` in ${failed.migrationName}` : '';
		throw new Error(`Migration failed${name}: ${String(result.error)}`, { cause: result.error });
	}
	return result;
}
