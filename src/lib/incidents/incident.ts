/**
 * Incidents: police, security-guard and staff reports of what happened where and when.
 * Sensitive: individual incidents only for roles granted "incidents" in the area; everyone
 * else sees aggregates (hexagon counts with small cells suppressed). Client-safe vocabulary
 * and the import mapping.
 */
import { z } from 'zod';
import type { IncidentFigures } from './privacy';
import type { StackedPoint } from './stacks';

export const INCIDENT_CATEGORIES = ['narcotics', 'violence', 'theft', 'disorder', 'vandalism', 'other'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_SOURCES = ['police', 'guards', 'staff', 'other'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** Cells with fewer incidents than this are never shown to roles without incident access. */
export const MIN_CELL_COUNT = 3;

const column = z.string().trim().min(1).max(200);

/**
 * How the columns of a CSV (or the properties of GeoJSON features) become incidents.
 * `x`/`y` are easting/northing (longitude/latitude for WGS 84) in `epsg`; GeoJSON features
 * bring their own point and need no `x`/`y`. `time` may be split over two columns
 * (`time` = date, `clock` = time of day), and read with `timeFormat` (date-fns tokens,
 * e.g. `dd.MM.yyyy HH:mm`) when it is not ISO 8601 or `YYYY-MM-DD H:MM[:SS]`.
 */
export const importMappingSchema = z.object({
	source: z.enum(INCIDENT_SOURCES).default('police'),
	x: column.optional(),
	y: column.optional(),
	epsg: z.number().int().min(1024).max(999_999).default(4326),
	time: column,
	clock: column.optional(),
	timeFormat: z.string().trim().min(1).max(40).optional(),
	category: column.optional(),
	/** Source values (compared trimmed, case-insensitive) → the domain's categories. */
	categories: z.record(z.string().max(200), z.enum(INCIDENT_CATEGORIES)).default({}),
	/** What values without a mapping become; the domain's own names always map to themselves. */
	otherCategory: z.enum(INCIDENT_CATEGORIES).default('other'),
	externalId: column.optional(),
	description: column.optional(),
	/**
	 * Leave out the rows on stacked points (./stacks: many rows on one point, usually a
	 * geocoder's centroid), and remove the rows an earlier import of the same rows stored there.
	 */
	excludeStacked: z.boolean().default(false)
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export interface RejectedRow {
	/** 1-based data row (CSV: records after the header; GeoJSON: features). */
	row: number;
	code: 'bad_coordinates' | 'outside_service_area' | 'not_your_area' | 'unparseable_time' | 'missing_value' | 'bad_geometry' | 'control_characters';
	/** What the text names (column, coordinates, the time as written, `reason` for a variant): see ./rejected-rows. */
	details: Record<string, string | number>;
	/** In the request's language. */
	reason: string;
}

export interface ImportResult {
	importId: string;
	format: 'csv' | 'geojson';
	rows: number;
	imported: number;
	/** Rows already imported before (same source and external id, or same content). */
	duplicates: number;
	rejected: RejectedRow[];
	/** When more rows were rejected than are listed. */
	rejectedTotal: number;
	/** Points holding many of the file's rows (./stacks), the largest first, at most MAX_LISTED_STACKS. */
	stacks: StackedPoint[];
	/** How many points are stacks, and the rows on them (all of them, listed or not). */
	stackCount: number;
	stackedRows: number;
	/** Rows left out because they lie on a stack (with excludeStacked); not in `imported` or `duplicates`. */
	excluded: number;
	/** Of those, rows an earlier import had stored, removed now. */
	removed: number;
	/** A check: the import ran and was rolled back, nothing was stored. */
	dryRun: boolean;
}

export interface ImportProgress {
	rows: number;
	bytes: number;
	totalBytes: number | null;
}

/** When incidents happen in an area or zone (GET /api/analysis/time-patterns). */
export interface TimePatterns {
	area: string;
	zone: string | null;
	category: IncidentCategory | null;
	/** How this reader gets the figures (see ./privacy). */
	figures: IncidentFigures;
	/** Incidents behind the series; an estimate through the grid; null when withheld. */
	total: number | null;
	/** 168 values, Monday 00–01 first (Stockholm); null when withheld. */
	hourOfWeek: number[] | null;
	/** Every month of the period, empty ones too; null when withheld. */
	monthly: { month: string; count: number }[] | null;
	/** No figure shown rests on fewer incidents than this (null with exact figures). */
	suppressedBelow: number | null;
	/** The side of the privacy grid's cells in metres, when the figures went through it. */
	gridCellM: number | null;
}
