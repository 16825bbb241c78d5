import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { ProgrammeCollection } from '$lib/programmes/types';
import type { FollowUpStatus, GoalVerdict } from '$lib/followups/followup';
import type { PageLoad } from './$types';

export interface FollowUpSummary {
	id: string;
	areaId: string;
	areaName: string;
	programmeId: string | null;
	programmeName: string | null;
	/** The plan activity followed up, or null for the whole area. */
	activityId: string | null;
	activityName: string | null;
	period: { key: string; year: number; tertial: number | null };
	status: FollowUpStatus;
	goalReached: GoalVerdict | null;
	updatedAt: string;
	version: number;
}

/** Follow-ups and reports: the areas and programmes to choose from, and the follow-ups saved. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const [areas, programmes, followUps] = await Promise.all([
		getJson<Parameters<typeof areaRefs>[0]>(fetch, '/api/areas', url),
		getJson<ProgrammeCollection>(fetch, '/api/programmes', url),
		getJson<FollowUpSummary[]>(fetch, '/api/follow-ups', url)
	]);
	return {
		areas: areaRefs(areas),
		programmes: programmes.features.map((p) => ({ id: p.id, name: p.properties.name, areaIds: p.properties.areaIds, startsOn: p.properties.startsOn, endsOn: p.properties.endsOn })),
		followUps
	};
};
