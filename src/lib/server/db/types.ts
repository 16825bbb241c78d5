/**
 * Type parsing shared by both database modes, so a query returns the same JavaScript
 * values on PGlite and on node-postgres: dates stay 'YYYY-MM-DD' strings (no timezone
 * shift), bigint counts and numeric amounts become numbers (amounts stay far below 2^53).
 */
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

const asNumber = (value: string) => Number(value);
const asIs = (value: string) => value;

export const typeParsers: Record<number, (value: string) => unknown> = {
	[OID.int8]: asNumber,
	[OID.numeric]: asNumber,
	[OID.date]: asIs
};
