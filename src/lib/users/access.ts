/**
 * What the UI offers a user, from the roles the root layout hands every page: the parts of
 * the app the menu lists, where the user may plan or report, and which areas pickers and
 * filters list. The server decides every request again (`$lib/server/auth`, with the same
 * role sets); these rules keep the UI from offering what it would refuse. Client-safe.
 */
import type { AreaRef } from '$lib/api/client';
import type { Role, RoleGrant } from './user';

/** Roles that read everything in their areas; partners read what is routed to them. */
export const READ_ROLES: readonly Role[] = ['admin', 'coordinator', 'walker', 'viewer'];
/** Roles that plan: walks, measures, events, zones, programmes. */
export const MANAGE_ROLES: readonly Role[] = ['admin', 'coordinator'];
/** Roles that pin findings. */
export const REPORT_ROLES: readonly Role[] = ['admin', 'coordinator', 'walker'];
/** Roles that may bring incident data (with the incidents flag in the area). */
export const IMPORT_ROLES: readonly Role[] = ['admin', 'coordinator', 'partner'];
/** Everyone who sees an area's shared picture. */
export const SEE_ROLES: readonly Role[] = [...READ_ROLES, 'partner'];

type Grants = readonly RoleGrant[] | null | undefined;

/** Whether a grant of one of `roles` covers the area, directly or through an enclosing area. */
export function holdsIn(grants: Grants, roles: readonly Role[], areaId: string, areas: readonly AreaRef[]): boolean {
	if (!grants?.length) return false;
	const byId = new Map(areas.map((a) => [a.id, a]));
	const lineage: string[] = [];
	for (let id: string | null = areaId; id && lineage.length < 20; id = byId.get(id)?.parentId ?? null) lineage.push(id);
	return grants.some((g) => (g.role === 'admin' || roles.includes(g.role)) && (g.areaId === null || lineage.includes(g.areaId)));
}

/** Whether the user holds one of `roles` anywhere at all. */
export function holdsAnywhere(grants: Grants, roles: readonly Role[]): boolean {
	return !!grants?.some((g) => g.role === 'admin' || roles.includes(g.role));
}

/** The areas where the user holds one of `roles` (a district's role reaches its places): what pickers list. */
export function areasWith<A extends AreaRef>(grants: Grants, roles: readonly Role[], areas: readonly A[]): A[] {
	return areas.filter((a) => holdsIn(grants, roles, a.id, areas));
}

/** Coordinators (and admins) plan walks, measures and events and run the follow-up in their areas. */
export function canCoordinate(grants: Grants, areaId: string, areas: readonly AreaRef[]): boolean {
	return holdsIn(grants, MANAGE_ROLES, areaId, areas);
}

export function coordinatesAnywhere(grants: Grants): boolean {
	return holdsAnywhere(grants, MANAGE_ROLES);
}

/** The parts of the app, in menu order. */
export const SECTIONS = ['walks', 'findings', 'plan', 'programmes', 'coverage', 'incidents', 'effect', 'overview', 'followUps', 'pin', 'account'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * Who each part is for: a walker pins and walks; a partner follows what is routed to it
 * (findings, measures on the plan) and the shared picture (coverage, hotspots, its own
 * incident data); a viewer reads everything and changes nothing; admins get every part.
 */
const SECTION_ROLES: Record<Section, readonly Role[]> = {
	walks: ['coordinator', 'walker', 'viewer'],
	findings: ['coordinator', 'walker', 'partner', 'viewer'],
	pin: REPORT_ROLES,
	plan: ['coordinator', 'partner', 'viewer'],
	programmes: ['coordinator', 'viewer'],
	coverage: ['coordinator', 'partner', 'viewer'],
	incidents: ['coordinator', 'partner', 'viewer'],
	// Whether it helped: for those who plan and those who follow up.
	effect: ['coordinator', 'partner', 'viewer'],
	// The area overview (lägesbild) for the collaboration meeting: everyone with a role in an area.
	overview: ['coordinator', 'walker', 'partner', 'viewer'],
	// The tertial follow-up and the steering-group report: written by coordinators, read by the
	// partners and viewers of the area.
	followUps: ['coordinator', 'partner', 'viewer'],
	// Every account has its page, with or without a role.
	account: []
};

/** The parts of the app the user's menu lists. */
export function sectionsFor(grants: Grants): Section[] {
	return SECTIONS.filter((section) => section === 'account' || holdsAnywhere(grants, SECTION_ROLES[section]));
}
