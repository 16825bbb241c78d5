/**
 * Regenerates the offline basemap in geodata/basemap/ from the open data in shared/data
 * (see geodata/README.md for what each file is and its licence):
 *
 *   npm run basemap:offline [-- <shared data folder>]      default: ../shared/data, or LYKTA_SHARED_DATA
 *
 * The output is deterministic (same input, same bytes), so a re-run without changes shows no diff.
 * Size is kept down by simplifying the outlines (Douglas–Peucker, ~2 m) and rounding coordinates
 * to 5 decimals (~1 m) — plenty for a schematic basemap under the app's own, exact layers.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { area as turfArea, booleanPointInPolygon, simplify } from '@turf/turf';
import polylabel from 'polylabel';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

const source = resolve(process.argv[2] ?? process.env.LYKTA_SHARED_DATA ?? '../shared/data');
const out = resolve('geodata/basemap');

/** ~2 m at Stockholm's latitude: the outlines stay recognisable at street zooms. */
const TOLERANCE = 0.00002;
/** Rings smaller than this (m²) are dropped from the water: jetties and ponds a schematic map can do without. */
const MIN_WATER_RING_M2 = 400;

const read = <T>(path: string) => JSON.parse(readFileSync(join(source, path), 'utf8')) as T;
const round = (n: number) => Math.round(n * 1e5) / 1e5;
const roundRing = (ring: Position[]) => ring.map(([x, y]) => [round(x), round(y)]);

function simplified<G extends Polygon | MultiPolygon>(geometry: G): G {
	const feature = simplify({ type: 'Feature', properties: {}, geometry }, { tolerance: TOLERANCE, highQuality: true, mutate: false });
	return feature.geometry as G;
}

/**
 * Stockholm's district names are upper case in the source ("SKARPNÄCKS GÅRD"). Written the way the
 * city writes them: the first word capitalised, later words too unless they are a common noun of a
 * place name (gård, strand, stan…), so "Gamla stan", "Hässelby villastad" but "Norra Djurgården".
 */
const COMMON_NOUNS = new Set(['gård', 'strand', 'stan', 'villastad', 'kyrka', 'slott', 'industriområde']);
const ABBREVIATIONS: Record<string, string> = { industriomr: 'industriområde' };
function readableName(upper: string): string {
	return upper
		.trim()
		.toLocaleLowerCase('sv')
		.split(/\s+/)
		.map((word) => ABBREVIATIONS[word] ?? word)
		.map((word, i) => (i > 0 && COMMON_NOUNS.has(word) ? word : word.charAt(0).toLocaleUpperCase('sv') + word.slice(1)))
		.join(' ');
}

/**
 * The municipalities' seats (centralorter) in and around Stockholm County: where Who's On First has
 * them, their names win over the villages' when labels compete for room at the county view.
 */
const SEATS = new Set([
	'Åkersberga', 'Täby', 'Vallentuna', 'Upplands Väsby', 'Sollentuna', 'Jakobsberg', 'Solna', 'Sundbyberg', 'Djursholm', 'Lidingö',
	'Nacka', 'Gustavsberg', 'Tyresö', 'Handen', 'Huddinge', 'Tumba', 'Ekerö', 'Kungsängen', 'Vaxholm', 'Märsta', 'Rönninge', 'Södertälje'
]);
/** Label priority, lower first: the city, the seats, other localities, neighbourhoods. */
const rankOf = (name: string, placetype: string) => (name === 'Stockholm' ? 0 : SEATS.has(name) ? 1 : placetype === 'locality' ? 2 : 3);

/** For comparing names spelt with and without Swedish letters, spaces or hyphens. */
const fold = (name: string) =>
	name
		.toLocaleLowerCase('sv')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z]/g, '');

function editDistance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length];
}

/** The same name as a district's, or a misspelt or cut-off copy of it ("Bredän", "Fredhäl", "Norra Djurgarden"). */
function namesADistrict(name: string, districts: string[]): boolean {
	const f = fold(name);
	return districts.some((d) => d === f || d.startsWith(f) || f.startsWith(d) || d.endsWith(f) || (f.length >= 5 && editDistance(f, d) <= 2));
}

const ascii = (name: string) => /^[\x20-\x7e]*$/.test(name);

function write(name: string, collection: FeatureCollection) {
	const text = JSON.stringify(collection) + '\n';
	writeFileSync(join(out, name), text);
	return { name, bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).byteLength, features: collection.features.length };
}

function main() {
	statSync(join(source, 'stockholm-districts/stadsdelar.geo.json')); // a clear ENOENT naming the folder when it is wrong
	mkdirSync(out, { recursive: true });

	// ---- Water: one multipolygon, small rings dropped -------------------------------------------
	const water = read<FeatureCollection<MultiPolygon>>('stockholm-districts/vatten.geo.json');
	const polygons: Position[][][] = [];
	for (const feature of water.features) {
		for (const polygon of simplified(feature.geometry).coordinates) {
			const rings = polygon.filter((ring) => ring.length >= 4 && turfArea({ type: 'Polygon', coordinates: [ring] }) >= MIN_WATER_RING_M2);
			if (rings.length && rings[0] === polygon[0]) polygons.push(rings.map(roundRing));
		}
	}
	const waterOut: FeatureCollection = {
		type: 'FeatureCollection',
		features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } }]
	};

	// ---- Districts: outlines, and one label point each, inside the district -------------------
	const districts = read<FeatureCollection<Polygon | MultiPolygon, { name: string }>>('stockholm-districts/stadsdelar.geo.json');
	const outlines: Feature[] = [];
	const labels: Feature[] = [];
	for (const feature of [...districts.features].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'sv'))) {
		const name = readableName(feature.properties.name);
		const geometry = simplified(feature.geometry);
		const coordinates = geometry.type === 'Polygon' ? geometry.coordinates.map(roundRing) : geometry.coordinates.map((p) => p.map(roundRing));
		outlines.push({ type: 'Feature', properties: { name }, geometry: { type: geometry.type, coordinates } as Polygon | MultiPolygon });
		// The label goes in the largest part, at its pole of inaccessibility (never outside a concave shape).
		const parts = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
		const largest = parts.reduce((a, b) => (turfArea({ type: 'Polygon', coordinates: b }) > turfArea({ type: 'Polygon', coordinates: a }) ? b : a));
		const [x, y] = polylabel(largest as [number, number][][], 0.0001);
		// Bigger districts win where labels would collide (symbol-sort-key: lower first).
		const areaKm2 = Math.round(turfArea(feature) / 1e4) / 100;
		labels.push({ type: 'Feature', properties: { name, areaKm2 }, geometry: { type: 'Point', coordinates: [round(x), round(y)] } });
	}
	const districtsOut: FeatureCollection = { type: 'FeatureCollection', features: [...outlines, ...labels] };

	// ---- Place names: localities and neighbourhoods, without copies of the district names ------
	const places = read<FeatureCollection<Point, { name: string; placetype: string; wof_id: number }>>('place-names/stockholm_places_wof.geojson');
	const districtNames = districts.features.map((f) => fold(f.properties.name));
	// Several differently named places on one exact point are stand-ins, not places: records without a
	// geometry of their own, put on a centroid (three "neighbourhoods" sit on Sergels torg).
	const namesAt = new Map<string, Set<string>>();
	for (const place of places.features) {
		const at = place.geometry.coordinates.join(',');
		namesAt.set(at, (namesAt.get(at) ?? new Set()).add(place.properties.name));
	}
	const kept = new Map<string, { wofId: number; feature: Feature<Point, { name: string; kind: string; rank: number }> }>();
	for (const place of [...places.features].sort((a, b) => a.properties.wof_id - b.properties.wof_id)) {
		const { name, placetype, wof_id } = place.properties;
		if (placetype !== 'locality' && placetype !== 'neighbourhood') continue;
		if (namesAt.get(place.geometry.coordinates.join(','))!.size > 1) continue;
		// The 117 districts are the city's neighbourhoods; Who's On First repeats them, often misspelt or a
		// little outside (its points are approximate), and the district's own label says it better.
		if (namesADistrict(name, districtNames)) continue;
		// Localities inside the city are old parish and district-area names, mostly without Swedish letters
		// ("Enskede-Arsta-Vantoer"); the city itself is the one worth a label there.
		if (placetype === 'locality' && name !== 'Stockholm' && districts.features.some((d) => booleanPointInPolygon(place.geometry, d))) continue;
		// One label per name: a locality over a neighbourhood of the same name, and the spelling with
		// Swedish letters over an ASCII copy ("Skarpnäck" over "Skarpnack").
		const key = fold(name);
		const existing = kept.get(key)?.feature.properties;
		if (existing) {
			const better = (existing.kind === 'neighbourhood' && placetype === 'locality') || (existing.kind === placetype && ascii(existing.name) && !ascii(name));
			if (!better) continue;
		}
		const [x, y] = place.geometry.coordinates;
		kept.set(key, { wofId: wof_id, feature: { type: 'Feature', properties: { name, kind: placetype, rank: rankOf(name, placetype) }, geometry: { type: 'Point', coordinates: [round(x), round(y)] } } });
	}
	const placesOut: FeatureCollection = {
		type: 'FeatureCollection',
		features: [...kept.values()].sort((a, b) => a.wofId - b.wofId).map((k) => k.feature)
	};

	const files = [write('water.geojson', waterOut), write('districts.geojson', districtsOut), write('places.geojson', placesOut)];
	for (const f of files) console.log(`${f.name}: ${f.features} features, ${(f.bytes / 1024).toFixed(1)} KiB (${(f.gzip / 1024).toFixed(1)} KiB gzipped)`);
	const total = files.reduce((s, f) => s + f.bytes, 0);
	const totalGzip = files.reduce((s, f) => s + f.gzip, 0);
	console.log(`total: ${(total / 1024).toFixed(1)} KiB (${(totalGzip / 1024).toFixed(1)} KiB gzipped)`);
}

main();
