/** One GPS fix for "pin where I stand", as a promise. Browser-only. */
import type { Position } from '$lib/geometry/geojson';
import { roundPosition } from './geometry';

export type Fix = { ok: true; position: Position; accuracy: number } | { ok: false; reason: 'denied' | 'failed' };

export function locateOnce(timeoutMs = 20_000): Promise<Fix> {
	if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return Promise.resolve({ ok: false, reason: 'failed' });
	return new Promise((resolve) =>
		navigator.geolocation.getCurrentPosition(
			(fix) =>
				resolve({ ok: true, position: roundPosition([fix.coords.longitude, fix.coords.latitude]), accuracy: fix.coords.accuracy }),
			(error) => resolve({ ok: false, reason: error.code === error.PERMISSION_DENIED ? 'denied' : 'failed' }),
			// A fresh, precise fix: a cached one may be from the other end of the park.
			{ enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 }
		)
	);
}
