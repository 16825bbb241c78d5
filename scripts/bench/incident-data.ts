/**
 * Synthetic incidents for the benchmarks: a Swedish police-style CSV (semicolons, decimal
 * commas, SWEREF 99 TM, a BOM, CRLF) of realistically clustered points in the bench district
 * (40 clusters, one six times heavier, 30 % spread evenly; evenings and nights weigh more;
 * two years), the mapping that imports it, and its upload to POST /api/import/incidents.
 */
import { createReadStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import proj4 from 'proj4';
import { rng } from './random';

proj4.defs('EPSG:3006', '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');

export const CATEGORIES = ['Narkotikabrott', 'Misshandel', 'Stöld', 'Ordningsstörning', 'Skadegörelse', 'Övrigt'];
export const CATEGORY_MAP: Record<string, string> = { narkotikabrott: 'narcotics', misshandel: 'violence', stöld: 'theft', ordningsstörning: 'disorder', skadegörelse: 'vandalism' };
export const IMPORT_MAPPING = { source: 'police', x: 'Öst', y: 'Nord', epsg: 3006, time: 'Brottstid', category: 'Kategori', externalId: 'Ärendenr', categories: CATEGORY_MAP };

/** Writes `rows` incidents to a temporary CSV file; the same seed gives the same file. Returns its path. */
export function writeCsv(rows: number, seed: number, prefix: string): string {
	const random = rng(seed);
	const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
	const clusters = Array.from({ length: 40 }, (_, k) => ({ e: 672800 + random() * 3400, n: 6576300 + random() * 2400, s: 20 + random() * 100, w: k === 0 ? 6 : 0.5 + random() }));
	const total = clusters.reduce((s, c) => s + c.w, 0);
	const lines = ['Ärendenr;Brottstid;Kategori;Nord;Öst'];
	for (let i = 0; i < rows; i++) {
		let e: number;
		let n: number;
		if (random() < 0.3) [e, n] = [672500 + random() * 4000, 6576000 + random() * 3000];
		else {
			let pick = random() * total;
			const c = clusters.find((c) => (pick -= c.w) < 0) ?? clusters[0]!;
			[e, n] = [c.e + gauss() * c.s, c.n + gauss() * c.s];
		}
		// Evenings and nights weigh more; two years.
		const hour = random() < 0.6 ? (18 + Math.floor(random() * 9)) % 24 : Math.floor(random() * 24);
		const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 730) * 86_400_000).toISOString().slice(0, 10);
		lines.push(`${prefix}${i};${day} ${hour}:${String(Math.floor(random() * 60)).padStart(2, '0')};${CATEGORIES[Math.floor(random() * 6)]};${n.toFixed(2).replace('.', ',')};${e.toFixed(2).replace('.', ',')}`);
	}
	const path = join(mkdtempSync(join(tmpdir(), 'lykta-bench-')), `${prefix}.csv`);
	writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n');
	return path;
}

/** The zoom-z tile (x, y) over the centre of the densest cluster (the first, with the same seed 1 as writeCsv's first file). */
export function densestTile(z: number): { z: number; x: number; y: number } {
	const random = rng(1);
	const [lon, lat] = proj4('EPSG:3006', 'EPSG:4326', [672800 + random() * 3400, 6576300 + random() * 2400]);
	const x = Math.floor(((lon! + 180) / 360) * 2 ** z);
	const r = (lat! * Math.PI) / 180;
	const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
	return { z, x, y };
}

export interface ImportResult {
	rows: number;
	imported: number;
	duplicates: number;
	rejectedTotal: number;
	seconds: number;
}

/** Streams the CSV to POST /api/import/incidents and waits for the answer (201 or it throws). */
export async function importFile(origin: string, headers: Record<string, string>, path: string, signal?: AbortSignal): Promise<ImportResult> {
	const started = performance.now();
	const response = await fetch(`${origin}/api/import/incidents?filename=bench.csv&mapping=${encodeURIComponent(JSON.stringify(IMPORT_MAPPING))}`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'text/csv', 'content-length': String(statSync(path).size) },
		body: Readable.toWeb(createReadStream(path)) as ReadableStream,
		duplex: 'half',
		signal
	} as RequestInit);
	const body = (await response.json()) as Omit<ImportResult, 'seconds'>;
	const seconds = (performance.now() - started) / 1000;
	if (response.status !== 201) throw new Error(`import failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
	return { ...body, seconds };
}
