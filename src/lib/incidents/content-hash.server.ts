/**
 * An incident's identity for spotting the same report twice (incidents.content_hash, unique
 * per tenant): the source's own case number when it has one, otherwise what the row says —
 * category, time, place (to about 10 cm) and text. Imports and the demo data both use it,
 * so a police export loaded again over the demo's rows is recognised.
 */
import { createHash } from 'node:crypto';

export type IncidentIdentity =
	| { source: string; externalId: string }
	| { source: string; category: string; occurredAt: string; lon: number; lat: number; description: string };

export function incidentContentHash(incident: IncidentIdentity): string {
	const key =
		'category' in incident
			? `${incident.source}|${incident.category}|${incident.occurredAt}|${incident.lon.toFixed(6)}|${incident.lat.toFixed(6)}|${incident.description}`
			: `${incident.source}|id|${incident.externalId}`;
	return createHash('sha256').update(key).digest('hex');
}
