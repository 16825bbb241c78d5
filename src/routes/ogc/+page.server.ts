import { landing, ogcBase } from '$lib/ogc/service.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => ({ landing: landing(ogcBase(url), locals.locale), base: ogcBase(url) });
