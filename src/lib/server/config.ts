/**
 * Server configuration, read from the environment once, validated and frozen.
 * Fail fast: a bad value stops the process at start with a message naming the variable.
 * Deliberately not `$env/dynamic/private`: the same module is used by the CLI scripts
 * (migrate, seed, token), which run outside SvelteKit.
 */
import { z } from 'zod';
import { OGC_PUBLIC_COLLECTIONS } from '../ogc/collection-ids';

const bboxSchema = z
	.string()
	.transform((s) => s.split(',').map((n) => Number(n.trim())))
	.pipe(
		z
			.tuple([z.number(), z.number(), z.number(), z.number()])
			.refine(([w, s, e, n]) => w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90, {
				message: 'must be minLon,minLat,maxLon,maxLat in WGS 84'
			})
	);

const envSchema = z.object({
	DATABASE_URL: z.string().url().optional(),
	/** Where the embedded database keeps its files; `memory://` keeps nothing. */
	LYKTA_DATA_DIR: z.string().default('./data/pg'),
	/** Tenant (organisation) key written on every row; see DESIGN §5 on sharding. */
	LYKTA_TENANT: z.string().regex(/^[a-z0-9-]{1,40}$/).default('stockholm'),
	LYKTA_TENANT_NAME: z.string().default('Stockholms stad'),
	/**
	 * The region this deployment serves. A coordinate outside it is almost always a
	 * swapped lat/lon or a projected coordinate, so writes outside it are refused.
	 * Default: Stockholm County with a margin of roughly 20 km.
	 */
	LYKTA_SERVICE_AREA: bboxSchema.default([17.0, 58.55, 19.8, 60.45]),
	/**
	 * Demo data: `auto` loads it on the first start of an embedded database, `on` loads it
	 * whenever the database has no areas, `off` never.
	 */
	LYKTA_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
	LYKTA_ADMIN_EMAIL: z.string().email().optional(),
	LYKTA_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
	LYKTA_SESSION_DAYS: z.coerce.number().int().positive().max(90).default(14),
	/** Largest JSON body the API accepts, in bytes. */
	LYKTA_JSON_LIMIT: z.coerce.number().int().positive().default(1_000_000),
	/** Largest incident file (CSV or GeoJSON) an import accepts, in bytes; keep it under BODY_SIZE_LIMIT. */
	LYKTA_IMPORT_LIMIT: z.coerce.number().int().positive().default(60_000_000),
	LYKTA_LOG_QUERIES: z.enum(['0', '1']).default('0'),
	/** Connections in the pool to a PostgreSQL server. */
	LYKTA_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
	/** Longest one SQL statement may run before the server cancels it (ms). */
	LYKTA_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
	/**
	 * Heavy analysis (coverage, overlaps, suggestions, hotspot statistics) runs in worker
	 * threads, each task stopped after this many milliseconds (queue wait included). The
	 * heaviest request the limits allow takes ~7 s on a 2-core machine (src/lib/analysis/limits.ts).
	 */
	LYKTA_ANALYSIS_BUDGET_MS: z.coerce.number().int().positive().max(600_000).default(20_000),
	/** Worker threads for heavy analysis; default: one core fewer than the machine has (at least one), the rest serve requests. */
	LYKTA_ANALYSIS_THREADS: z.coerce.number().int().positive().max(64).optional(),
	/** Heap limit of one analysis worker in MB: a task that needs more is stopped, not the server. */
	LYKTA_ANALYSIS_MEMORY_MB: z.coerce.number().int().min(64).default(1024),
	/**
	 * The basemap (read by the browser too): `online` (default: OpenFreeMap, falling back to the
	 * offline basemap), `offline`, `self-hosted` (the tiles below) or a MapLibre style URL.
	 */
	PUBLIC_MAP_STYLE: z
		.union([z.enum(['online', 'offline', 'self-hosted']), z.string().url().regex(/^https?:/i, 'must be an http(s) URL'), z.string().regex(/^\/[^/]/, 'must be a path on this server')], {
			error: 'must be online, offline, self-hosted or a MapLibre style URL'
		})
		.optional(),
	/**
	 * The OGC API – Features collections anyone may read without logging in (comma-separated
	 * ids, or `none`): by default the areas and the partners' service locations, which the app
	 * already shows to everyone. Individual incidents are never public; `incident-cells` (their
	 * hexagon counts, small cells left out) may be.
	 */
	LYKTA_OGC_PUBLIC: z
		.string()
		.default('areas,services')
		.transform((s) => (s.trim() === 'none' ? [] : s.split(',').map((id) => id.trim()).filter(Boolean)))
		.pipe(z.array(z.enum(OGC_PUBLIC_COLLECTIONS, { error: `must list some of ${OGC_PUBLIC_COLLECTIONS.join(', ')} (or none)` }))),
	/** The self-hosted basemap: an MBTiles archive built by `npm run basemap:build`, served at /tiles/basemap. */
	LYKTA_BASEMAP_TILES: z.string().default('./data/basemap.mbtiles'),
	/** The Chromium the server prints steering-group reports to PDF with (Debian's package by default). */
	LYKTA_CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
	/** Longest one PDF may take, start of Chromium to the last page, in milliseconds; then 503 `pdf_timeout`. */
	LYKTA_PDF_TIMEOUT_MS: z.coerce.number().int().min(5_000).max(300_000).default(60_000),
	/**
	 * Where the server's own Chromium opens the report page: the request's origin by default; set
	 * it (e.g. http://127.0.0.1:3000) when the public address is not reachable from the server itself.
	 */
	LYKTA_PDF_ORIGIN: z.string().url().regex(/^https?:/i, 'must be an http(s) URL').optional()
});

export type Config = Readonly<z.infer<typeof envSchema>>;

function readConfig(env: NodeJS.ProcessEnv): Config {
	// Treat empty strings as unset, as shells and .env files commonly produce them.
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
	const parsed = envSchema.safeParse(cleaned);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	return Object.freeze(parsed.data);
}

export const config: Config = readConfig(process.env);

export const databaseMode: 'embedded' | 'postgres' = config.DATABASE_URL ? 'postgres' : 'embedded';
