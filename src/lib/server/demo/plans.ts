/**
 * Puts the demo plans (content.ts DEMO_PLANS) in through the plans' own write path, as the
 * loader's administrator: texts, goals with targets, themes, activities and parties, groups,
 * risks with their last review, status reports and change requests. Answers which activity
 * each demo event, measure and walk carries out.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db';
import type { RequestContext } from '../api/context';
import { PART_SCHEMAS, riskReviewSchema, type PlanPart } from '$lib/programmes/plan';
import { createPart, reviewRisk } from '$lib/programmes/plan.server';
import { updateProgramme } from '$lib/programmes/programmes.server';
import { DEMO_PLANS, PLACE_PROFILES, type DemoPlanActivity } from './content';
import type { DemoProgramme } from './types';

type LinkKind = 'events' | 'measures' | 'walks';

export interface LoadedPlans {
	/** How many parts of each kind were created (their audit rows' entity). */
	created: Record<string, number>;
	/** The activity an object of the kind in the area carries out, if any. */
	activityFor: (kind: LinkKind, areaSlug: string, eventKind?: string) => string | null;
}

export async function loadPlans(
	trx: Transaction<DB>,
	ctx: RequestContext,
	programmes: readonly DemoProgramme[],
	ids: ReadonlyMap<string, string>,
	area: (slug: string) => string,
	hasArea: (slug: string) => boolean,
	partner: (slug: string | null | undefined) => string | null
): Promise<LoadedPlans> {
	const created: Record<string, number> = {};
	const add = async (programmeId: string, part: PlanPart, input: Record<string, unknown>) => {
		const parsed = PART_SCHEMAS[part].create.parse(input) as Record<string, unknown>;
		const row = (await createPart(trx, ctx, programmeId, part, parsed)) as { id: string };
		const entity = { goals: 'goal', themes: 'theme', activities: 'activity', parties: 'party', members: 'member', risks: 'risk', 'status-reports': 'status_report', 'change-requests': 'change_request' }[part];
		created[entity] = (created[entity] ?? 0) + 1;
		return row.id;
	};
	const activities: { programmeSlug: string; id: string; areaSlug: string | null; programmeAreas: string[]; links: DemoPlanActivity['links'] }[] = [];

	for (const p of programmes) {
		const id = ids.get(p.slug)!;
		const plan = DEMO_PLANS[p.slug];
		const goals = plan?.goals.length ? plan.goals : p.goals.map((description) => ({ description, horizon: 'goal' as const }));
		for (const [sort, g] of goals.entries()) await add(id, 'goals', { ...g, sort });
		const risks: string[] = [];
		for (const [i, r] of p.risks.entries())
			risks.push(await add(id, 'risks', { title: r.title, likelihood: r.likelihood, impact: r.impact, mitigation: r.mitigation, owner: plan?.riskReviews[i]?.owner ?? '' }));
		if (!plan) {
			for (const slug of p.steeringGroup) await add(id, 'members', { group: 'steering_group', name: slug, partnerId: partner(slug) });
			continue;
		}
		await updateProgramme(trx, ctx, id, { version: 1, properties: { planKind: plan.planKind, ...plan.texts } });
		for (const [i, review] of plan.riskReviews.entries()) {
			const r = p.risks[i];
			if (!r || !risks[i]) continue;
			await reviewRisk(trx, ctx, id, risks[i]!, riskReviewSchema.parse({ reviewedOn: review.lastReviewedOn, likelihood: r.likelihood, impact: r.impact, note: 'Månadsvis riskanalys i styrgruppen', nextReviewOn: review.nextReviewOn }));
		}
		const themes = new Map<string, string>();
		for (const t of plan.themes) themes.set(t.title, await add(id, 'themes', t));
		for (const [sort, a] of plan.activities.entries()) {
			const areaSlug = a.areaSlug && hasArea(a.areaSlug) ? a.areaSlug : null;
			const activityId = await add(id, 'activities', {
				themeId: a.theme ? (themes.get(a.theme) ?? null) : null,
				areaId: areaSlug ? area(areaSlug) : null,
				name: a.name,
				purpose: a.purpose,
				measurableGoals: a.measurableGoals,
				startsOn: a.startsOn,
				endsOn: a.endsOn,
				meetingFrequency: a.meetingFrequency,
				convener: a.convener,
				sort
			});
			for (const [i, party] of a.parties.entries())
				await add(id, 'parties', {
					activityId,
					partnerId: partner(party.partnerSlug),
					name: party.name ?? '',
					contact: party.contact,
					participants: party.participants ?? '',
					commitment: party.commitment,
					sort: i
				});
			activities.push({ programmeSlug: p.slug, id: activityId, areaSlug, programmeAreas: p.areaSlugs, links: a.links });
		}
		for (const [sort, m] of plan.members.entries()) await add(id, 'members', { group: m.group, name: m.name, title: m.title, partnerId: partner(m.partnerSlug), sort });
		for (const r of plan.statusReports) await add(id, 'status-reports', { year: r.year, tertial: r.tertial, title: r.title, body: r.body, status: r.submitted ? 'submitted' : 'draft' });
		for (const c of plan.changeRequests) await add(id, 'change-requests', { ...c });
	}

	const activityFor = (kind: LinkKind, areaSlug: string, eventKind?: string) => {
		const programmeSlug = PLACE_PROFILES[areaSlug]?.programmeSlug;
		for (const a of activities) {
			const link = a.links[kind];
			if (!link || a.programmeSlug !== programmeSlug || !a.programmeAreas.includes(areaSlug)) continue;
			const areas = link.areas ?? (a.areaSlug ? [a.areaSlug] : a.programmeAreas);
			if (!areas.includes(areaSlug)) continue;
			if (kind === 'events' && 'kinds' in link && link.kinds && (!eventKind || !link.kinds.includes(eventKind))) continue;
			return a.id;
		}
		return null;
	};
	return { created, activityFor };
}
