import { conformance, ogcBase } from '$lib/ogc/service.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => conformance(ogcBase(url));
