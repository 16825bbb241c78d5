import type { MeasureCollection } from '$lib/measures/measure';
import type { EventCollection } from '$lib/events/event';
import type { PartnerCollection } from '$lib/partners/partner';
import type { ProgrammeCollection } from '$lib/programmes/types';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

export const ssr = false;

/** Measures and the events of the planning period (summer season by default), with what the forms offer. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const isoDate = /^(19\d\d|20\d\d|2100)-\d{2}-\d{2}$/; // in the range the API accepts
	const from = isoDate.test(url.searchParams.get('from') ?? '') ? url.searchParams.get('from')! : '2023-04-01';
	const to = isoDate.test(url.searchParams.get('to') ?? '') ? url.searchParams.get('to')! : '2023-09-30';
	const [measures, events, partners, programmes, areas] = await Promise.all([
		getJson<MeasureCollection>(fetch, '/api/measures', url),
		getJson<EventCollection>(fetch, `/api/events?from=${from}&to=${to}`, url),
		getJson<PartnerCollection>(fetch, '/api/partners', url),
		getJson<ProgrammeCollection>(fetch, '/api/programmes', url),
		getJson<Parameters<typeof areaRefs>[0]>(fetch, '/api/areas', url)
	]);
	return {
		measures: measures.features,
		events: events.features,
		partners: partners.features.map((p) => ({ id: p.id, name: p.properties.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
		// Their service locations on the map, open or closed at the chosen moment.
		serviceLocations: { type: 'FeatureCollection' as const, features: partners.features.filter((p) => p.properties.serviceLocations.length > 0) },
		programmes: programmes.features,
		areas: areaRefs(areas),
		from,
		to
	};
};
