import type { PlanKind } from './plan';
/** What GET /api/programmes and /api/programmes/{id} return (see $lib/programmes/programmes.server). */
export interface BudgetLine {
	id: string;
	name: string;
	kind: string;
	capSek: number | null;
	committedSek: number;
	spentSek: number;
	overCap: boolean;
	version: number;
}

export interface ProgrammeFeature {
	type: 'Feature';
	id: string;
	geometry: null;
	properties: {
		name: string;
		description: string;
		areaIds: string[];
		startsOn: string;
		endsOn: string;
		intensiveFrom: string | null;
		intensiveTo: string | null;
		status: 'planned' | 'active' | 'closed';
		planKind: PlanKind;
		background: string;
		delimitation: string;
		communication: string;
		financing: string;
		version: number;
		budget: { capSek: number | null; committedSek: number; spentSek: number; overCap: boolean; lines: BudgetLine[] };
	};
}

export interface ProgrammeCollection {
	type: 'FeatureCollection';
	features: ProgrammeFeature[];
}
