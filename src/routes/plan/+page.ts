import type { MeasureCollection } from '$lib/measures/measure';
import type { EventCollection } from '$lib/events/event';
import type { PartnerCollection } from '$lib/partners/partner';
import type { ProgrammeCollection } from '$lib/programmes/types';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import { inDateRange } from '$lib/time/dates';
import { stockholmToday } from '$lib/time/stockholm';
import { defaultSeason, seasonChoices } from '$lib/time/season';
import type { PageLoad } from './$types';

export const ssr = false;

/**
 * Measures and the events of the planning period — `?from&to`, or the season the planning opens
 * on ($lib/time/season: the latest with events, never after the coming one) — with what the
 * forms offer. `?at` (an ISO instant) is the moment shown.
 */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const isoDate = /^\d{4}-\d{2}-\d{2}$/;
	const date = (name: string) => {
		const value = url.searchParams.get(name) ?? '';
		return isoDate.test(value) && inDateRange(value) ? value : null;
	};
	const at = Date.parse(url.searchParams.get('at') ?? '');
	const today = stockholmToday();
	const { years } = await getJson<{ years: number[] }>(fetch, '/api/events/seasons', url);
	const asked = { from: date('from'), to: date('to') };
	const { from, to } = asked.from && asked.to && asked.from <= asked.to ? (asked as { from: string; to: string }) : defaultSeason(today, years);
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
		to,
		at: Number.isFinite(at) ? at : null,
		today,
		seasons: seasonChoices(today, years)
	};
};
