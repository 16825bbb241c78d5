import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteSurveyFigure, getSurveyFigure, updateSurveyFigure } from '$lib/surveys/surveys.server';
import { surveyPatchSchema } from '$lib/surveys/survey';

export const GET = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	const id = idParam(event.params.figureId, 'survey_figure', 'figureId');
	return json(await getSurveyFigure(database().db, contextOf(event), areaId, id));
});

/** Changes a figure; `version` is the one the client saw (409 when it moved on). */
export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	const id = idParam(event.params.figureId, 'survey_figure', 'figureId');
	const patch = await readJson(event.request, surveyPatchSchema);
	return json(await updateSurveyFigure(database().db, contextOf(event), areaId, id, patch));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	const id = idParam(event.params.figureId, 'survey_figure', 'figureId');
	const { version } = readQuery(event.url, versionQuery);
	await deleteSurveyFigure(database().db, contextOf(event), areaId, id, version);
	return new Response(null, { status: 204 });
});
