import { describe, it, expect } from 'vitest';
import { generateDemo, type DemoAreaInput, type DemoData } from './generate';
import { AUDIT_KEYS, FINDING_CATEGORIES, SEVERITIES, TIMES_OF_DAY, findingCreateSchema } from '$lib/findings/finding';
import { INCIDENT_CATEGORIES, INCIDENT_SOURCES } from '$lib/incidents/incident';

type Position = [number, number];

/** Ray casting (even–odd rule): is `p` inside the closed ring? */
function insideRing([x, y]: Position, ring: Position[]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		const crosses = yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi;
		if (crosses) inside = !inside;
	}
	return inside;
}

function insidePolygon(p: Position, [outer, ...holes]: Position[][]): boolean {
	return insideRing(p, outer) && !holes.some((h) => insideRing(p, h));
}

// ~300 m squares (0.0053° of longitude ≈ 301 m at 59.31° N, 0.0027° of latitude ≈ 301 m)
// at the real places, and the district square containing both.
const tantolunden: Position[][] = [
	[[18.043, 59.3107], [18.0483, 59.3107], [18.0483, 59.3134], [18.043, 59.3134], [18.043, 59.3107]]
];
const drakenbergsparken: Position[][] = [
	[[18.0329, 59.3142], [18.0382, 59.3142], [18.0382, 59.3169], [18.0329, 59.3169], [18.0329, 59.3142]]
];
const sodermalm: Position[][] = [[[18.02, 59.3], [18.06, 59.3], [18.06, 59.325], [18.02, 59.325], [18.02, 59.3]]];

const areas: DemoAreaInput[] = [
	{ slug: 'sodermalm', kind: 'district', polygon: sodermalm },
	{ slug: 'tantolunden', kind: 'place', polygon: tantolunden },
	{ slug: 'drakenbergsparken', kind: 'place', polygon: drakenbergsparken }
];
const polygonOf: Record<string, Position[][]> = { tantolunden, drakenbergsparken };

const snapshotOfInput = JSON.stringify(areas);
const demo = generateDemo(areas);
const again = generateDemo(areas);
const reseeded = generateDemo(areas, 42);

/** Every vertex of every generated geometry, with the area it belongs to. */
function vertices(data: DemoData): { what: string; areaSlug: string; position: Position }[] {
	const out: { what: string; areaSlug: string; position: Position }[] = [];
	const add = (what: string, areaSlug: string, geometry: { type: string; coordinates: unknown }) => {
		const positions =
			geometry.type === 'Point'
				? [geometry.coordinates as Position]
				: geometry.type === 'LineString'
					? (geometry.coordinates as Position[])
					: (geometry.coordinates as Position[][]).flat();
		for (const position of positions) out.push({ what, areaSlug, position });
	};
	data.walks.forEach((w) => add(`walk ${w.slug}`, w.areaSlug, w.route));
	data.findings.forEach((f) => add(`finding ${f.slug}`, f.areaSlug, f.geometry));
	data.measures.forEach((m) => add(`measure ${m.slug}`, m.areaSlug, m.geometry));
	data.events.forEach((e) => add(`event ${e.slug}`, e.areaSlug, e.geometry));
	data.zones.forEach((z) => add(`zone ${z.slug}`, z.areaSlug, z.geometry));
	return out;
}

describe('the ray-casting helper of this test', () => {
	it('tells inside from outside, and respects holes', () => {
		expect(insidePolygon([18.045, 59.312], tantolunden)).toBe(true);
		expect(insidePolygon([18.049, 59.312], tantolunden)).toBe(false); // east of 18.0483
		expect(insidePolygon([18.045, 59.3135], tantolunden)).toBe(false); // north of 59.3134
		expect(insidePolygon([18.035, 59.3155], tantolunden)).toBe(false); // in Drakenbergsparken
		const withHole: Position[][] = [...tantolunden, [[18.044, 59.311], [18.046, 59.311], [18.046, 59.313], [18.044, 59.313], [18.044, 59.311]]];
		expect(insidePolygon([18.045, 59.312], withHole)).toBe(false);
		expect(insidePolygon([18.0435, 59.312], withHole)).toBe(true);
	});
});

describe('generateDemo on two places in one district', () => {
	it('is deterministic: the same input and seed give identical output', () => {
		expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
		expect(JSON.stringify(generateDemo(areas, 20230401))).toBe(JSON.stringify(demo));
	});

	it('does not modify its input', () => {
		expect(JSON.stringify(areas)).toBe(snapshotOfInput);
	});

	it('changes with the seed', () => {
		expect(JSON.stringify(reseeded)).not.toBe(JSON.stringify(demo));
		expect(reseeded.incidents[0]?.geometry.coordinates).not.toEqual(demo.incidents[0]?.geometry.coordinates);
		expect(reseeded.walks.map((w) => w.startsAt)).not.toEqual(demo.walks.map((w) => w.startsAt));
	});

	it('does not depend on the order of the input areas', () => {
		expect(JSON.stringify(generateDemo([...areas].reverse()))).toBe(JSON.stringify(demo));
	});

	it('generates data only for the places, never for the district', () => {
		const slugs = new Set([
			...demo.walks.map((w) => w.areaSlug),
			...demo.findings.map((f) => f.areaSlug),
			...demo.measures.map((m) => m.areaSlug),
			...demo.events.map((e) => e.areaSlug),
			...demo.incidents.map((i) => i.areaSlug),
			...demo.zones.map((z) => z.areaSlug),
			...demo.surveyIndicators.map((s) => s.areaSlug)
		]);
		expect([...slugs].sort()).toEqual(['drakenbergsparken', 'tantolunden']);
	});

	it('builds the Tanto programme over exactly the two places, and no Skärholmen programme', () => {
		expect(demo.programmes.map((p) => [p.slug, p.areaSlugs])).toEqual([
			['sommar-i-tanto-2023', ['tantolunden', 'drakenbergsparken']]
		]);
	});

	it('generates about 6000 incidents (the total, up to per-component rounding)', () => {
		expect(Math.abs(demo.incidents.length - 6000)).toBeLessThanOrEqual(10);
		expect(demo.incidents.filter((i) => i.areaSlug === 'tantolunden').length).toBeGreaterThan(0);
		expect(demo.incidents.filter((i) => i.areaSlug === 'drakenbergsparken').length).toBeGreaterThan(0);
	});

	it('puts every incident point inside its area polygon', () => {
		const outside = demo.incidents.filter(
			(i) => i.geometry.type !== 'Point' || !insidePolygon(i.geometry.coordinates, polygonOf[i.areaSlug])
		);
		expect(outside.map((i) => `${i.externalId} ${JSON.stringify(i.geometry.coordinates)}`)).toEqual([]);
	});

	it('puts every incident of the other seed inside its area polygon too', () => {
		expect(reseeded.incidents.every((i) => insidePolygon(i.geometry.coordinates, polygonOf[i.areaSlug]))).toBe(true);
	});

	it('keeps every vertex of walks, findings, measures, events and zones inside its (convex) area', () => {
		const all = vertices(demo);
		expect(all.length).toBeGreaterThan(100);
		const outside = all.filter((v) => !insidePolygon(v.position, polygonOf[v.areaSlug]));
		expect(outside.map((v) => `${v.what} ${JSON.stringify(v.position)}`)).toEqual([]);
	});

	it('rounds incident coordinates to 6 decimals', () => {
		const unrounded = demo.incidents.filter((i) =>
			i.geometry.coordinates.some((c) => Math.abs(Math.round(c * 1e6) / 1e6 - c) > 1e-12)
		);
		expect(unrounded).toEqual([]);
	});

	it('numbers incidents demo-000001… in time order within 2023–2024', () => {
		expect(demo.incidents.map((i) => i.externalId)).toEqual(
			demo.incidents.map((_, k) => `demo-${String(k + 1).padStart(6, '0')}`)
		);
		const times = demo.incidents.map((i) => Date.parse(i.occurredAt));
		expect(times.every((t, k) => k === 0 || t >= times[k - 1])).toBe(true);
		expect(times[0]).toBeGreaterThanOrEqual(Date.parse('2023-01-01T00:00:00+01:00'));
		expect(times.at(-1)).toBeLessThan(Date.parse('2025-01-01T00:00:00+01:00'));
	});

	it('speaks the domain’s own vocabularies: audit keys, categories, severities, incident categories and sources', () => {
		const auditKeys = new Set(demo.findings.flatMap((f) => Object.keys(f.audit ?? {})));
		expect([...auditKeys].sort()).toEqual([...AUDIT_KEYS].sort());
		expect(demo.findings.every((f) => FINDING_CATEGORIES.includes(f.category) && SEVERITIES.includes(f.severity) && f.timeOfDay.every((t) => TIMES_OF_DAY.includes(t)))).toBe(true);
		expect(demo.incidents.every((i) => INCIDENT_CATEGORIES.includes(i.category) && INCIDENT_SOURCES.includes(i.source))).toBe(true);
	});

	it('gives findings the app would accept as they are', () => {
		const refused = demo.findings
			.map((f) => ({ slug: f.slug, result: findingCreateSchema.safeParse({ geometry: f.geometry, properties: { category: f.category, severity: f.severity, timesOfDay: f.timeOfDay, description: f.description, proposedMeasure: f.proposedMeasure, ...(f.audit && { audit: f.audit }) } }) }))
			.filter((r) => !r.result.success)
			.map((r) => `${r.slug}: ${JSON.stringify(r.result.error?.issues)}`);
		expect(refused).toEqual([]);
	});
});
