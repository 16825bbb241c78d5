import { describe, expect, it } from 'vitest';
import { areasWith, canCoordinate, MANAGE_ROLES, sectionsFor, SEE_ROLES } from './access';
import type { RoleGrant } from './user';

const areas = [
	{ id: 'sodermalm', name: 'Södermalm', kind: 'district', parentId: null },
	{ id: 'tantolunden', name: 'Tantolunden', kind: 'place', parentId: 'sodermalm' },
	{ id: 'drakenbergsparken', name: 'Drakenbergsparken', kind: 'place', parentId: 'sodermalm' },
	{ id: 'norrmalm', name: 'Norrmalm', kind: 'district', parentId: null },
	{ id: 'sergels-torg', name: 'Sergels torg', kind: 'place', parentId: 'norrmalm' }
];
const grant = (role: RoleGrant['role'], areaId: string | null): RoleGrant => ({ role, areaId, incidents: false });

describe('what the UI offers', () => {
	it('lists the areas a role reaches: a district’s role reaches its places, an admin’s every area', () => {
		const ids = (grants: RoleGrant[], roles = SEE_ROLES) => areasWith(grants, roles, areas).map((a) => a.id);
		expect(ids([grant('coordinator', 'sodermalm')])).toEqual(['sodermalm', 'tantolunden', 'drakenbergsparken']);
		expect(ids([grant('walker', 'tantolunden')])).toEqual(['tantolunden']);
		expect(ids([grant('admin', null)], MANAGE_ROLES)).toEqual(areas.map((a) => a.id));
		expect(ids([grant('viewer', null)], MANAGE_ROLES)).toEqual([]);
		expect(ids([])).toEqual([]);
	});

	it('lets coordinators plan in their own areas only', () => {
		const coordinator = [grant('coordinator', 'sodermalm')];
		expect(canCoordinate(coordinator, 'tantolunden', areas)).toBe(true);
		expect(canCoordinate(coordinator, 'sergels-torg', areas)).toBe(false);
		expect(canCoordinate([grant('viewer', null)], 'tantolunden', areas)).toBe(false);
	});

	it('gives each role the menu for its work', () => {
		expect(sectionsFor([grant('walker', 'sodermalm')])).toEqual(['walks', 'findings', 'overview', 'pin', 'account']);
		expect(sectionsFor([grant('partner', 'sodermalm')])).toEqual(['findings', 'plan', 'coverage', 'incidents', 'effect', 'overview', 'followUps', 'account']);
		expect(sectionsFor([grant('viewer', null)])).toEqual(['walks', 'findings', 'plan', 'programmes', 'coverage', 'incidents', 'effect', 'overview', 'followUps', 'account']);
		expect(sectionsFor([grant('coordinator', 'sodermalm')])).toEqual(['walks', 'findings', 'plan', 'programmes', 'coverage', 'incidents', 'effect', 'overview', 'followUps', 'pin', 'account']);
		expect(sectionsFor([grant('admin', null)])).toEqual(sectionsFor([grant('coordinator', 'norrmalm')]));
		// Several roles: what each is for.
		expect(sectionsFor([grant('walker', 'sodermalm'), grant('partner', 'norrmalm')])).toEqual(['walks', 'findings', 'plan', 'coverage', 'incidents', 'effect', 'overview', 'followUps', 'pin', 'account']);
		expect(sectionsFor([])).toEqual(['account']);
	});
});
