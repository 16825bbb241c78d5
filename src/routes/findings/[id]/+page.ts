import type { AreaCollection } from '$lib/areas/area';
import type { FindingFeature, StatusChange } from '$lib/findings/finding';
import type { PartnerCollection } from '$lib/partners/partner';
import type { WalkFeature } from '$lib/walks/walk';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import { canCoordinate, holdsIn } from '$lib/users/access';
import type { PageLoad } from './$types';

export type FindingWithHistory = FindingFeature & { properties: FindingFeature['properties'] & { history: StatusChange[] } };

/**
 * The finding with its history, the partners that may be made responsible (those working in
 * its area or an enclosing one), its walk's title, and what this user may change: coordinators
 * run the whole workflow; a partner moves the status of findings routed to it.
 */
export const load: PageLoad = async ({ fetch, url, params, parent, depends }) => {
	depends('app:finding');
	const { user } = await parent();
	requireLogin(user, url);
	const finding = await getJson<FindingWithHistory>(fetch, `/api/findings/${encodeURIComponent(params.id)}`, url);
	const areaId = finding.properties.areaId;
	const [areas, partners, walk] = await Promise.all([
		getJson<AreaCollection>(fetch, '/api/areas', url),
		getJson<PartnerCollection>(fetch, `/api/partners?area=${encodeURIComponent(areaId)}`, url),
		finding.properties.walkId
			? fetch(`/api/walks/${encodeURIComponent(finding.properties.walkId)}`).then((r) => (r.ok ? (r.json() as Promise<WalkFeature>) : null))
			: Promise.resolve(null)
	]);
	const refs = areaRefs(areas);
	const manage = canCoordinate(user?.roles, areaId, refs);
	const partner = !manage && !!user && holdsIn(user.roles, ['partner'], areaId, refs);
	const options = partners.features.map((p) => ({ id: p.id, name: p.properties.name, categories: p.properties.categories }));
	const current = finding.properties.responsiblePartnerId;
	if (current && !options.some((o) => o.id === current))
		options.push({ id: current, name: finding.properties.responsiblePartnerName ?? current, categories: [] });
	return {
		finding,
		area: areas.features.find((a) => a.id === areaId) ?? null,
		partners: options.sort((a, b) => a.name.localeCompare(b.name, 'sv')),
		walk: walk ? { id: walk.id, title: walk.properties.title } : null,
		access: manage ? ('manage' as const) : partner ? ('partner' as const) : ('read' as const)
	};
};
