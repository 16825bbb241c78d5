import type { ParamMatcher } from '@sveltejs/kit';
import { isPlanPart } from '$lib/programmes/plan';

/** The parts of a plan written one by one: /api/programmes/{id}/{goals|themes|activities|…}. */
export const match: ParamMatcher = (param) => isPlanPart(param);
