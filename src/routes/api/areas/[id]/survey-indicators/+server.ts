import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createSurveyFigure, surveyIndicators } from '$lib/surveys/surveys.server';
import { surveyCreateSchema } from '$lib/surveys/survey';

/** The area's survey figures per indicator, oldest year first, with the plan's targets. */
export const GET = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	return json(await surveyIndicators(database().db, contextOf(event), areaId));
});

/** Records a figure (coordinators and admins of the area). */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	const input = await readJson(event.request, surveyCreateSchema);
	const created = await createSurveyFigure(database().db, contextOf(event), areaId, input);
	return json(created, { status: 201, headers: { location: `/api/areas/${areaId}/survey-indicators/${created.id}` } });
});
