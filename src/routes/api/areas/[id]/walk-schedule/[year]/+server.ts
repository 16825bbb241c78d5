import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { badRequest } from '$lib/server/api/errors';
import { isoDate } from '$lib/time/dates';
import { fieldIssue } from '$lib/api/issues';
import { setWalkRequirement, walkSchedule } from '$lib/walks/schedule.server';
import { requirementSchema } from '$lib/walks/schedule';

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The year in the path: 2000–2100 (400 otherwise). */
function yearParam(value: string | undefined): number {
	const year = /^\d{4}$/.test(value ?? '') ? Number(value) : NaN;
	if (!(year >= FIRST_YEAR && year <= LAST_YEAR))
		throw badRequest('invalid_query', `The year must be ${FIRST_YEAR}–${LAST_YEAR}.`, [fieldIssue('year', 'year_range', { minimum: FIRST_YEAR, maximum: LAST_YEAR })]);
	return year;
}

const scheduleQuery = z.strictObject({ at: isoDate.optional() });

/** Walks done and planned against the requirement, and what is overdue; `at` reads it as of that day. */
export const GET = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	const year = yearParam(event.params.year);
	const { at } = readQuery(event.url, scheduleQuery);
	return json(await walkSchedule(database().db, contextOf(event), areaId, year, at));
});

/** Stores the area's requirement for the year (coordinators and admins of the area). */
export const PUT = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	const year = yearParam(event.params.year);
	const input = await readJson(event.request, requirementSchema);
	return json(await setWalkRequirement(database().db, contextOf(event), areaId, year, input));
});
