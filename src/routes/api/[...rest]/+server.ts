import { errorResponse } from '$lib/server/api/errors';
import type { RequestHandler } from './$types';

/** Unknown API paths answer in the API's error shape, not with an HTML page. */
const notFound: RequestHandler = ({ url }) => errorResponse(404, 'not_found', `No API endpoint at ${url.pathname}.`);

export const GET = notFound;
export const POST = notFound;
export const PATCH = notFound;
export const PUT = notFound;
export const DELETE = notFound;
