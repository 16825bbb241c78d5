/**
 * Search latency of the compass on a generated directory: 500 partners with 2,000 service
 * locations (4 each) in a 4 km × 3 km district, needs, descriptions and opening hours drawn
 * from pools, then GET /api/compass over HTTP the way the phone asks it — a need, a need
 * near where the user stands, free text (Swedish words, a misspelling), a place problem —
 * at varied moments, one request at a time. Prints p50/p95 per kind and overall.
 *
 *   npm run bench -- compass [--partners 500] [--per-partner 4] [--requests 300] [--embedded]
 *
 * Runs against DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lykta_bench, emptied
 * first) or the embedded database with --embedded, and needs a build (npx vite build).
 */
import { performance } from 'node:perf_hooks';
import { fromSweref99tm } from '../../src/lib/analysis/sweref99tm';
import { BUILT_IN_NEED_KEYS } from '../../src/lib/partners/needs';
import { FINDING_CATEGORIES } from '../../src/lib/findings/finding';
import { rng } from './random';
import { benchServer, stats } from './server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const PARTNERS = option('partners', 500);
const PER_PARTNER = option('per-partner', 4);
const REQUESTS = option('requests', 300);

const random = rng(20251115);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const E0 = 672500;
const N0 = 6576000;
const spot = () => fromSweref99tm([E0 + random() * 4000, N0 + random() * 3000]);

const HOURS = ['Mo-Fr 08:00-16:00; PH off', 'Mo-Su 21:00-08:00', 'Fr,Sa 22:00-04:00', '24/7', 'Mo-Th 09:00-17:00; Fr 09:00-15:00', 'Tu,Th 16:00-19:00; PH off', 'Mo-Fr 16:30-08:00; Sa,Su 00:00-24:00', 'Mo,We,Fr 11:30-13:30', ''];
const WORDS = ['härbärge', 'sovplats', 'akutboende', 'sprututbyte', 'samtal', 'mottagning', 'frukost', 'soppkök', 'juridisk rådgivning', 'ungdomar', 'fältarbete', 'våldsutsatta', 'kvinnojour', 'läkare', 'sjuksköterska', 'beroende', 'psykiatri', 'familjestöd', 'tolk', 'dusch', 'tvätt', 'stödsamtal', 'nattvandring'];
const KINDS = ['municipal', 'ngo', 'association', 'health_social', 'police', 'property_owner', 'transport'];

const server = await benchServer({ embedded: args.includes('--embedded') });
const { db, sql, tenant, area, origin } = server;
const { refreshSearch } = await import('../../src/lib/partners/partners.server');

const loading = performance.now();
const partnerIds: string[] = [];
for (let start = 0; start < PARTNERS; start += 250) {
	const rows = await db
		.insertInto('partners')
		.values(
			Array.from({ length: Math.min(250, PARTNERS - start) }, (_, k) => {
				const i = start + k;
				return {
					tenant_id: tenant,
					slug: `partner-${i}`,
					name: `${pick(['Stöd', 'Jour', 'Center', 'Mottagning', 'Boende', 'Team'])} ${i} ${pick(WORDS)}`,
					kind: pick(KINDS),
					description: Array.from({ length: 12 }, () => pick(WORDS)).join(' '),
					phone: '08-465 004 50',
					opening_hours: pick(HOURS)
				};
			})
		)
		.returning('id')
		.execute();
	partnerIds.push(...rows.map((r) => r.id));
}
await db.insertInto('partner_areas').values(partnerIds.map((partner_id) => ({ tenant_id: tenant, partner_id, area_id: area }))).execute();
const needs = partnerIds.flatMap((partner_id) => [...new Set([pick(BUILT_IN_NEED_KEYS), pick(BUILT_IN_NEED_KEYS), pick(BUILT_IN_NEED_KEYS)])].map((need) => ({ tenant_id: tenant, partner_id, need })));
await db.insertInto('partner_needs').values(needs).execute();
const categories = partnerIds.flatMap((partner_id) => (random() < 0.3 ? [{ tenant_id: tenant, partner_id, category: pick(FINDING_CATEGORIES) }] : []));
if (categories.length) await db.insertInto('partner_responsibilities').values(categories).execute();
const services = partnerIds.flatMap((partner_id, i) =>
	Array.from({ length: PER_PARTNER }, (_, j) => {
		const [lon, lat] = spot();
		return {
			tenant_id: tenant,
			partner_id,
			name: `Verksamhet ${i}.${j} ${pick(WORDS)}`,
			address: `Gatan ${j + 1}`,
			description: `${pick(WORDS)} och ${pick(WORDS)}`,
			opening_hours: pick(HOURS),
			min_age: random() < 0.2 ? 13 : random() < 0.3 ? 18 : null,
			max_age: random() < 0.1 ? 25 : null,
			target_groups: random() < 0.2 ? ['women'] : [],
			geom: sql<string>`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`
		};
	})
);
for (let start = 0; start < services.length; start += 500) await db.insertInto('partner_service_locations').values(services.slice(start, start + 500)).execute();
await refreshSearch(db, tenant, partnerIds);
await sql`ANALYZE`.execute(db);
console.log(`compass: ${partnerIds.length} partners, ${services.length} service locations, ${needs.length} needs stored in ${((performance.now() - loading) / 1000).toFixed(1)} s`);

type Kind = 'need' | 'need + position' | 'text' | 'misspelt text' | 'category + position';
const KIND_LIST: Kind[] = ['need', 'need + position', 'text', 'misspelt text', 'category + position'];
function queryOf(kind: Kind): string {
	const params = new URLSearchParams({ area, at: new Date(Date.parse('2025-11-10T00:00:00+01:00') + Math.floor(random() * 7 * 24 * 4) * 900_000).toISOString() });
	const [lon, lat] = spot();
	if (kind === 'need' || kind === 'need + position') params.set('need', pick(BUILT_IN_NEED_KEYS));
	if (kind === 'text') params.set('q', pick(['härbärge', 'sprutbyte', 'juridisk rådgivning', 'frukost', 'kvinnojour']));
	if (kind === 'misspelt text') params.set('q', pick(['härbärje', 'sprutbyt', 'psykiatrie', 'harbarge']));
	if (kind === 'category + position') params.set('category', pick(FINDING_CATEGORIES));
	if (kind.includes('position')) {
		params.set('lon', lon.toFixed(5));
		params.set('lat', lat.toFixed(5));
	}
	return `${origin}/api/compass?${params}`;
}

async function timed(url: string): Promise<{ ms: number; results: number }> {
	const started = performance.now();
	const response = await fetch(url);
	const body = (await response.json()) as { results?: unknown[] };
	if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 200)}`);
	return { ms: performance.now() - started, results: body.results?.length ?? 0 };
}

for (let i = 0; i < 20; i++) await timed(queryOf(pick(KIND_LIST)));
const times = new Map<Kind, number[]>(KIND_LIST.map((k) => [k, []]));
const all: number[] = [];
let results = 0;
for (let i = 0; i < REQUESTS; i++) {
	const kind = KIND_LIST[i % KIND_LIST.length]!;
	const t = await timed(queryOf(kind));
	times.get(kind)!.push(t.ms);
	all.push(t.ms);
	results += t.results;
}
console.log(`\n  ${REQUESTS} searches over HTTP, one at a time (${(results / REQUESTS).toFixed(1)} results each on average, at most 20)`);
for (const [kind, xs] of times) {
	const s = stats(xs);
	console.log(`  ${kind.padEnd(20)} p50 ${s.median.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   (n=${xs.length})`);
}
const s = stats(all);
console.log(`  ${'all'.padEnd(20)} p50 ${s.median.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   max ${s.max.toFixed(1)} ms`);
await server.close();
