/**
 * Optimistic locking: every PATCH names the `version` it was based on — top level or in
 * `properties`, where a client editing a GET result finds it — and a stale one gets a 409.
 */
import { z } from 'zod';

type Versioned = { version?: number; properties?: { version?: number } | undefined };

export function requiringVersion<S extends z.ZodType<Versioned>>(schema: S) {
	return schema.refine((p) => (p.version ?? p.properties?.version) !== undefined, {
		message: 'version_required',
		path: ['version']
	});
}

/** The version a (validated) patch was based on. */
export function versionOf(patch: Versioned): number {
	return (patch.version ?? patch.properties?.version)!;
}
