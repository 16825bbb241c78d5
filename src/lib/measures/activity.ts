/**
 * Whether a measure works at a moment, as the planning map shows it: from its done date
 * on, and a lamp only while it is dark at its place. Pure and client-safe.
 */
import { bboxOfGeometry } from '$lib/geometry/geojson';
import { isDark } from './dark-hours';
import type { MeasureFeature } from './measure';

export function activeAt(measure: MeasureFeature, at: number): boolean {
	const p = measure.properties;
	const done = p.status === 'done' && !!p.doneOn && p.doneOn <= new Date(at).toISOString().slice(0, 10);
	if (!done) return false;
	if (p.kind !== 'lighting') return true;
	const [w, s, e, n] = bboxOfGeometry(measure.geometry);
	try {
		return isDark(new Date(at), (w + e) / 2, (s + n) / 2);
	} catch {
		return false;
	}
}
