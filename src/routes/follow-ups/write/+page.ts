import { error } from '@sveltejs/kit';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { FollowUp, FollowUpDraft } from '$lib/followups/followup';
import type { PageLoad } from './$types';

export const ssr = false;

const uuid = /^[0-9a-f-]{36}$/i;

/** Writing a follow-up: the figures as the data gives them now, the plan's goals, and the follow-up already saved. */
export const load: PageLoad = async ({ fetch, url, parent, depends }) => {
	depends('lykta:follow-up');
	const { user } = await parent();
	requireLogin(user, url);
	const area = url.searchParams.get('area') ?? '';
	const period = url.searchParams.get('period') ?? '';
	const programme = url.searchParams.get('programme') ?? '';
	const activity = url.searchParams.get('activity') ?? '';
	if (!uuid.test(area) || (programme && !uuid.test(programme)) || (activity && !uuid.test(activity)) || !/^\d{4}(-T[123])?$/.test(period)) error(404, { message: 'Not found', code: 'not_found' });
	const query = `area=${area}&period=${period}${programme ? `&programme=${programme}` : ''}${activity ? `&activity=${activity}` : ''}`;
	const [draft, areas, activities] = await Promise.all([
		getJson<FollowUpDraft>(fetch, `/api/follow-ups/draft?${query}`, url),
		getJson<Parameters<typeof areaRefs>[0]>(fetch, '/api/areas', url),
		getJson<{ id: string; name: string; programmeId: string; programmeName: string }[]>(fetch, `/api/activities?area=${area}`, url)
	]);
	const saved = draft.savedId ? await getJson<FollowUp>(fetch, `/api/follow-ups/${draft.savedId}`, url) : null;
	// The activities to follow up: those of the chosen programme, or of every programme in the area.
	const choices = activities.filter((a) => !programme || a.programmeId === programme);
	return { draft, saved, areas: areaRefs(areas), activities: choices, query: { area, period, programme: programme || null, activity: activity || null } };
};
