import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { ogcBase, visibleCollections } from '$lib/ogc/service.server';
import { readerOf } from '$lib/ogc/reader.server';
import { infoOf } from '$lib/ogc/collections.server';
import { openApiDocument } from '$lib/ogc/openapi';
import type { PageServerLoad } from './$types';

/** The API definition, read as a person would: each path with its parameters. */
export const load: PageServerLoad = async (event) => {
	const reader = await readerOf(database().db, contextOf(event));
	const document = openApiDocument(ogcBase(event.url), visibleCollections(reader).map((a) => infoOf(a.collection))) as {
		paths: Record<string, { get: { summary: string; parameters?: { name?: string; $ref?: string }[] } }>;
	};
	return {
		paths: Object.entries(document.paths).map(([path, item]) => ({
			path,
			summary: item.get.summary,
			parameters: (item.get.parameters ?? []).map((p) => p.name ?? p.$ref?.split('/').at(-1) ?? '')
		}))
	};
};
