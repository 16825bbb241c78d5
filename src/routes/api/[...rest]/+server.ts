import { ApiError } from '$lib/server/api/errors';
import { apiErrorResponse } from '$lib/server/api/endpoint';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in the API's error shape (in the user's language), not with an HTML page. */
const notFound: RequestHandler = (event) => apiErrorResponse(event, new ApiError(404, 'not_found', `No API endpoint at ${event.url.pathname}.`));

export const GET = notFound;
export const POST = notFound;
export const PATCH = notFound;
export const PUT = notFound;
export const DELETE = notFound;
