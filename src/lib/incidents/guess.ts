/**
 * First guesses for the import's mapping step from a file's column names and sample
 * values, so a typical police export needs no changes: the user checks and corrects them.
 */
import { parseNumber } from './parse';
import { INCIDENT_CATEGORIES, type IncidentCategory } from './incident';

const find = (columns: readonly string[], patterns: RegExp[]) => columns.find((c) => patterns.some((p) => p.test(c.trim()))) ?? '';

export function guessColumns(columns: readonly string[]) {
	return {
		x: find(columns, [/^(x|lon|lng|long|longitude|öst|ost|east|easting|e|ö-?koordinat|x-?koordinat)$/i, /(longitud|öst|east)/i]),
		y: find(columns, [/^(y|lat|latitude|nord|north|northing|n|n-?koordinat|y-?koordinat)$/i, /(latitud|nord|north)/i]),
		time: find(columns, [/^(tid|time|tidpunkt|datum|date|occurred_at|brottstid|händelsetid|timestamp|datetime)$/i, /(tid|time|datum|date)/i]),
		category: find(columns, [/^(kategori|category|typ|type|brottskod|brott|händelsetyp)$/i, /(kategori|categor|typ)/i]),
		externalId: find(columns, [/^(id|nr|ärendenr|ärende|diarienr|external_id|case)$/i, /(ärende|diarie|id$)/i]),
		description: find(columns, [/^(beskrivning|description|text|anteckning|kommentar)$/i])
	};
}

/** SWEREF 99 TM when the x values look like metres in Stockholm, else WGS 84. */
export function guessEpsg(xs: readonly unknown[]): number {
	const values = xs.map(parseNumber).filter((v): v is number => v !== null);
	if (values.length === 0) return 4326;
	const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	if (median > 100_000 && median < 200_000) return 3011; // SWEREF 99 18 00 eastings around 150 000
	if (median > 1000) return 3006;
	return 4326;
}

const WORDS: [RegExp, IncidentCategory][] = [
	[/narko|drog|narcot|langning|överlåtelse/i, 'narcotics'],
	[/våld|misshandel|hot|rån|violen|assault|robbery/i, 'violence'],
	[/stöld|snatteri|inbrott|theft|burglary|ficktjuv/i, 'theft'],
	[/ordning|störning|fylleri|bråk|disorder|disturb|berus/i, 'disorder'],
	[/skadegörelse|klotter|vandal|graffiti|skada/i, 'vandalism']
];

/** A domain category for a source value: itself when it is one, else by Swedish or English keywords. */
export function guessCategory(value: string): IncidentCategory {
	const v = value.trim().toLowerCase();
	if ((INCIDENT_CATEGORIES as readonly string[]).includes(v)) return v as IncidentCategory;
	return WORDS.find(([re]) => re.test(v))?.[1] ?? 'other';
}
