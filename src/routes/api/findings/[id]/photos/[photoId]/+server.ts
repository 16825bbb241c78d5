import { database } from '$lib/server/db';
import { endpoint, idParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { readPhoto, removePhoto } from '$lib/findings/photo-store.server';

/** The stored photo (re-encoded, without metadata), for whoever may see the finding. */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'finding');
	const photoId = idParam(event.params.photoId, 'photo', 'photoId');
	const photo = await readPhoto(database().db, contextOf(event), id, photoId);
	return new Response(new Uint8Array(photo.data), {
		headers: {
			'content-type': photo.content_type,
			'content-length': String(photo.byte_size),
			// Private: photos are only for people allowed to see the finding.
			'cache-control': 'private, max-age=3600',
			'content-disposition': 'inline'
		}
	});
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'finding');
	const photoId = idParam(event.params.photoId, 'photo', 'photoId');
	await database().db.transaction().execute((trx) => removePhoto(trx, contextOf(event), id, photoId));
	return new Response(null, { status: 204 });
});
