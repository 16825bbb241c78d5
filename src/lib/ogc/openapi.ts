/**
 * The OpenAPI 3.0 definition of the OGC API (`/ogc/api`): the common paths, and for each
 * collection the reader may read its own items path with its parameters — limit, bbox,
 * bbox-crs, crs, datetime (where the features have a time), cursor, and one parameter per
 * queryable. GDAL's OAPIF driver reads the queryables from there and sends attribute filters
 * to the server (`ogrinfo -where "category='lighting'"` becomes `?category=lighting`).
 * Client-safe, built from the collections' descriptions.
 */
import { DEFAULT_LIMIT, MAX_LIMIT, queryablesOf, type CollectionInfo } from './collection';
import { SUPPORTED_CRS, CRS84 } from './crs';

type Schema = Record<string, unknown>;

/** A property as JSON Schema (the queryables document, the items parameters). */
export function propertySchema(p: CollectionInfo['properties'][number]): Schema {
	const schema: Schema = p.type === 'date' ? { type: 'string', format: 'date' } : p.type === 'date-time' ? { type: 'string', format: 'date-time' } : { type: p.type };
	if (p.format) schema.format = p.format;
	if (p.enum) schema.enum = [...p.enum];
	return schema;
}

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } }
});

function itemsPath(c: CollectionInfo): Schema {
	const parameters: Schema[] = [
		{ $ref: '#/components/parameters/limit' },
		{ $ref: '#/components/parameters/bbox' },
		{ $ref: '#/components/parameters/bbox-crs' },
		{ $ref: '#/components/parameters/crs' },
		...(c.temporal ? [{ $ref: '#/components/parameters/datetime' }] : []),
		{ $ref: '#/components/parameters/cursor' },
		{ $ref: '#/components/parameters/f' },
		...queryablesOf(c).map((p) => ({ name: p.name, in: 'query', required: false, style: 'form', explode: false, description: `Only features whose ${p.name} equals the value.`, schema: propertySchema(p) }))
	];
	return {
		get: {
			tags: [c.id],
			summary: `${c.title.en}: items`,
			operationId: `getItems_${c.id.replaceAll('-', '_')}`,
			parameters,
			responses: {
				'200': {
					description: 'The features (GeoJSON), with `numberMatched`, `numberReturned`, `timeStamp` and a `next` link while more follow.',
					headers: { 'Content-Crs': { description: 'The CRS of the coordinates', schema: { type: 'string' } } },
					content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/featureCollection' } }, 'text/html': { schema: { type: 'string' } } }
				},
				'400': errorResponse('A parameter is invalid (details name it).'),
				'401': errorResponse('The collection needs a login or an API token.'),
				'404': errorResponse('No such collection for this reader.')
			}
		}
	};
}

function itemPath(c: CollectionInfo): Schema {
	return {
		get: {
			tags: [c.id],
			summary: `${c.title.en}: one feature`,
			operationId: `getItem_${c.id.replaceAll('-', '_')}`,
			parameters: [
				{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
				{ $ref: '#/components/parameters/crs' },
				{ $ref: '#/components/parameters/f' }
			],
			responses: {
				'200': { description: 'The feature (GeoJSON).', content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/feature' } } } },
				'404': errorResponse('No such feature for this reader.')
			}
		}
	};
}

const simple = (summary: string, operationId: string, parameters: Schema[] = [{ $ref: '#/components/parameters/f' }]) => ({
	get: { summary, operationId, parameters, responses: { '200': { description: summary, content: { 'application/json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } } } }
});

export function openApiDocument(base: string, collections: readonly CollectionInfo[]): Schema {
	const paths: Record<string, Schema> = {
		'/': simple('The landing page', 'getLandingPage'),
		'/conformance': simple('The conformance classes', 'getConformance'),
		'/collections': simple('The collections', 'getCollections'),
		'/collections/{collectionId}': simple('One collection', 'describeCollection', [
			{ name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: collections.map((c) => c.id) } },
			{ $ref: '#/components/parameters/f' }
		])
	};
	for (const c of collections) {
		paths[`/collections/${c.id}`] = simple(c.title.en, `describeCollection_${c.id.replaceAll('-', '_')}`);
		paths[`/collections/${c.id}/queryables`] = simple(`${c.title.en}: queryables`, `getQueryables_${c.id.replaceAll('-', '_')}`);
		paths[`/collections/${c.id}/items`] = itemsPath(c);
		paths[`/collections/${c.id}/items/{featureId}`] = itemPath(c);
	}
	const crsSchema = { type: 'string', format: 'uri', enum: SUPPORTED_CRS.map((c) => c.uri), default: CRS84 };
	return {
		openapi: '3.0.3',
		info: {
			title: 'Lykta – OGC API Features',
			version: '1.0.0',
			description:
				'Lykta’s layers as OGC API – Features (Part 1 Core, GeoJSON, HTML, OpenAPI 3.0; Part 2 CRS by reference: CRS84, EPSG:4326, EPSG:3006 SWEREF 99 TM, EPSG:3011 SWEREF 99 18 00). ' +
				'Send `Authorization: Bearer lykta_…` (an API token) to read what your role allows; without one, only the collections the deployment makes public.'
		},
		servers: [{ url: base }],
		paths,
		components: {
			securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'A Lykta API token (lykta_…), made under Account.' } },
			parameters: {
				limit: {
					name: 'limit', in: 'query', required: false, style: 'form', explode: false,
					description: `Features per page (default ${DEFAULT_LIMIT}; a larger value than ${MAX_LIMIT} is lowered to it).`,
					schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }
				},
				bbox: {
					name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
					description: 'Only features intersecting the box: lower corner, upper corner, in the axis order of `bbox-crs` (CRS84: west,south,east,north).',
					schema: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } }
				},
				'bbox-crs': { name: 'bbox-crs', in: 'query', required: false, style: 'form', explode: false, schema: crsSchema },
				crs: { name: 'crs', in: 'query', required: false, style: 'form', explode: false, description: 'The CRS of the coordinates returned (transformed by PostGIS).', schema: crsSchema },
				datetime: {
					name: 'datetime', in: 'query', required: false, style: 'form', explode: false,
					description: 'An instant, a date (that whole day in Stockholm) or an interval `start/end` with `..` for an open end.',
					schema: { type: 'string' }
				},
				cursor: { name: 'cursor', in: 'query', required: false, style: 'form', explode: false, description: 'Where a page starts: given in the `next` links.', schema: { type: 'string' } },
				f: { name: 'f', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'string', enum: ['json', 'html'] } }
			},
			schemas: {
				error: {
					type: 'object',
					required: ['error'],
					properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } }
				},
				feature: { type: 'object', required: ['type', 'geometry', 'properties'], properties: { type: { type: 'string', enum: ['Feature'] }, id: { type: 'string' }, geometry: { nullable: true }, properties: { type: 'object' } } },
				featureCollection: {
					type: 'object',
					required: ['type', 'features'],
					properties: {
						type: { type: 'string', enum: ['FeatureCollection'] },
						features: { type: 'array', items: { $ref: '#/components/schemas/feature' } },
						numberMatched: { type: 'integer' },
						numberReturned: { type: 'integer' },
						timeStamp: { type: 'string', format: 'date-time' },
						links: { type: 'array', items: { type: 'object' } }
					}
				}
			}
		},
		security: [{}, { token: [] }]
	};
}
