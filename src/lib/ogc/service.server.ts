/**
 * The documents of the OGC API – Features endpoint (/ogc): landing page, conformance,
 * collections, one collection, its queryables, items and one item, each with the links a
 * client follows. The JSON endpoints and the HTML pages both take them from here, so a
 * page shows exactly what the API answers.
 */
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { notFound, unauthenticated } from '$lib/server/api/errors';
import { CRS84, SUPPORTED_CRS, type Crs } from './crs';
import { isFeatureId, queryablesOf, type CollectionInfo } from './collection';
import { accessOf, collectionNamed, COLLECTIONS, infoOf } from './collections.server';
import { extentOf, itemsPage, oneItem, type Access, type Extent } from './features.server';
import type { ItemsQuery } from './params.server';
import { readerOf, type Reader } from './reader.server';
import { propertySchema } from './openapi';

/** Where the API lives on this server (links are absolute, as clients expect). */
export const ogcBase = (url: URL) => `${url.origin}/ogc`;

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
export const HTML = 'text/html';
export const OPENAPI = 'application/vnd.oai.openapi+json;version=3.0';
export const SCHEMA_JSON = 'application/schema+json';

export const CONFORMANCE = [
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
	'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
	'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
	'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
	'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters'
];

export interface Link {
	href: string;
	rel: string;
	type: string;
	title?: string;
}

const link = (href: string, rel: string, type: string, title?: string): Link => (title ? { href, rel, type, title } : { href, rel, type });

/** `path` with its query (`?…`) and `f` set, as a link for the other format. */
export function withParams(href: string, params: Record<string, string | null>): string {
	const url = new URL(href);
	for (const [k, v] of Object.entries(params)) {
		if (v === null) url.searchParams.delete(k);
		else url.searchParams.set(k, v);
	}
	return url.toString();
}

/** A collection the reader may read, with how; 404 (or 401 for a caller who is not logged in) otherwise. */
export async function accessTo(db: Database, ctx: RequestContext, id: string, reader?: Reader): Promise<Access> {
	const collection = collectionNamed(id);
	reader ??= await readerOf(db, ctx);
	const how = collection ? accessOf(collection, reader) : null;
	if (!collection || !how) {
		// Not logged in: say so, for a collection that a login could open.
		if (collection && !reader.signedIn && collection.id !== 'incidents') throw unauthenticated();
		throw notFound('collection');
	}
	return { collection, reader, whole: how === 'whole' };
}

/** The collections the reader may read, in the landing page's order. */
export function visibleCollections(reader: Reader): Access[] {
	return COLLECTIONS.flatMap((collection) => {
		const how = accessOf(collection, reader);
		return how ? [{ collection, reader, whole: how === 'whole' }] : [];
	});
}

export function landing(base: string, locale: 'sv' | 'en') {
	return {
		title: 'Lykta – OGC API Features',
		description:
			locale === 'sv'
				? 'Lyktas lager (områden, vandringar, fynd, åtgärder, aktiviteter, problemzoner, serviceställen, incidenter) för QGIS, GDAL och andra klienter.'
				: 'Lykta’s layers (areas, walks, findings, measures, events, problem zones, service locations, incidents) for QGIS, GDAL and other clients.',
		links: [
			link(`${base}?f=json`, 'self', JSON_TYPE, 'This document'),
			link(`${base}?f=html`, 'alternate', HTML, 'This document as HTML'),
			link(`${base}/api`, 'service-desc', OPENAPI, 'The API definition (OpenAPI 3.0)'),
			link(`${base}/api?f=html`, 'service-doc', HTML, 'The API documentation'),
			link(`${base}/conformance`, 'conformance', JSON_TYPE, 'Conformance classes'),
			link(`${base}/conformance`, 'http://www.opengis.net/def/rel/ogc/1.0/conformance', JSON_TYPE, 'Conformance classes'),
			link(`${base}/collections`, 'data', JSON_TYPE, 'The collections'),
			link(`${base}/collections`, 'http://www.opengis.net/def/rel/ogc/1.0/data', JSON_TYPE, 'The collections')
		]
	};
}

export function conformance(base: string) {
	return { conformsTo: CONFORMANCE, links: [link(`${base}/conformance`, 'self', JSON_TYPE), link(`${base}/conformance?f=html`, 'alternate', HTML)] };
}

export interface CollectionDoc {
	id: string;
	title: string;
	description: string;
	itemType: 'feature';
	crs: string[];
	storageCrs: string;
	extent: {
		spatial: { bbox: number[][]; crs: string };
		temporal?: { interval: (string | null)[][]; trs: string };
	};
	links: Link[];
}

function collectionDoc(base: string, collection: CollectionInfo, extent: Extent, locale: 'sv' | 'en'): CollectionDoc {
	const at = `${base}/collections/${collection.id}`;
	return {
		id: collection.id,
		title: collection.title[locale],
		description: collection.description[locale],
		itemType: 'feature',
		crs: SUPPORTED_CRS.map((c) => c.uri),
		storageCrs: CRS84,
		extent: {
			spatial: { bbox: [extent.bbox.map((v) => Math.round(v * 1e7) / 1e7)], crs: CRS84 },
			...(extent.interval && { temporal: { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } })
		},
		links: [
			link(at, 'self', JSON_TYPE, collection.title[locale]),
			link(`${at}?f=html`, 'alternate', HTML, collection.title[locale]),
			link(`${at}/items`, 'items', GEOJSON, 'Items as GeoJSON'),
			link(`${at}/items?f=html`, 'items', HTML, 'Items as HTML'),
			link(`${at}/queryables`, 'http://www.opengis.net/def/rel/ogc/1.0/queryables', SCHEMA_JSON, 'Queryables')
		]
	};
}

export async function collectionsDoc(db: Database, ctx: RequestContext, base: string, locale: 'sv' | 'en') {
	const reader = await readerOf(db, ctx);
	const collections: CollectionDoc[] = [];
	for (const access of visibleCollections(reader)) collections.push(collectionDoc(base, infoOf(access.collection), await extentOf(db, access), locale));
	return {
		links: [link(`${base}/collections`, 'self', JSON_TYPE), link(`${base}/collections?f=html`, 'alternate', HTML)],
		crs: SUPPORTED_CRS.map((c) => c.uri),
		collections
	};
}

export async function oneCollectionDoc(db: Database, ctx: RequestContext, base: string, id: string, locale: 'sv' | 'en') {
	const access = await accessTo(db, ctx, id);
	return collectionDoc(base, infoOf(access.collection), await extentOf(db, access), locale);
}

export function queryablesDoc(base: string, collection: CollectionInfo, locale: 'sv' | 'en') {
	return {
		$schema: 'https://json-schema.org/draft/2019-09/schema',
		$id: `${base}/collections/${collection.id}/queryables`,
		type: 'object',
		title: collection.title[locale],
		properties: Object.fromEntries(queryablesOf(collection).map((p) => [p.name, { title: p.name, ...propertySchema(p) }])),
		additionalProperties: false
	};
}

/** The query string of a page's links: the request's own, with `cursor` and `f` as given. */
function pageHref(url: URL, params: Record<string, string | null>): string {
	return withParams(url.toString(), params);
}

export interface ItemsDoc {
	type: 'FeatureCollection';
	/** Features as GeoJSON text, joined by the endpoint (or parsed by the page). */
	features: string[];
	numberMatched: number;
	numberReturned: number;
	timeStamp: string;
	links: Link[];
}

export async function itemsDoc(db: Database, access: Access, url: URL, base: string, q: ItemsQuery): Promise<ItemsDoc> {
	const page = await itemsPage(db, access, q);
	const at = `${base}/collections/${access.collection.id}`;
	const links = [
		link(pageHref(url, { f: 'json' }), 'self', GEOJSON, 'This page'),
		link(pageHref(url, { f: 'html' }), 'alternate', HTML, 'This page as HTML'),
		link(at, 'collection', JSON_TYPE, 'The collection')
	];
	if (page.next) links.push(link(pageHref(url, { cursor: page.next, f: 'json' }), 'next', GEOJSON, 'Next page'));
	return { type: 'FeatureCollection', features: page.features, numberMatched: page.numberMatched, numberReturned: page.features.length, timeStamp: new Date().toISOString(), links };
}

/** The items document as JSON text, its features joined unparsed. */
export function itemsJson(doc: ItemsDoc): string {
	const { features, ...rest } = doc;
	const head = JSON.stringify(rest);
	return `{"type":"FeatureCollection","features":[${features.join(',')}],${head.slice(head.indexOf(',"numberMatched"') + 1)}`;
}

export async function itemDoc(db: Database, access: Access, base: string, featureId: string, crs: Crs): Promise<{ feature: string; links: Link[] }> {
	if (!isFeatureId(access.collection, featureId)) throw notFound('feature');
	const feature = await oneItem(db, access, featureId, crs);
	if (!feature) throw notFound('feature');
	const at = `${base}/collections/${access.collection.id}`;
	const self = `${at}/items/${encodeURIComponent(featureId)}`;
	const crsParam = crs.uri === CRS84 ? '' : `crs=${encodeURIComponent(crs.uri)}&`;
	return {
		feature,
		links: [
			link(`${self}?${crsParam}f=json`, 'self', GEOJSON, 'This feature'),
			link(`${self}?${crsParam}f=html`, 'alternate', HTML, 'This feature as HTML'),
			link(at, 'collection', JSON_TYPE, 'The collection')
		]
	};
}

/** A feature's JSON text with its links added. */
export function itemJson(item: { feature: string; links: Link[] }): string {
	return `${item.feature.slice(0, -1)},"links":${JSON.stringify(item.links)}}`;
}
