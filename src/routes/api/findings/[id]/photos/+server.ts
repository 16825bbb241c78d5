import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readForm } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { getFinding } from '$lib/findings/reads.server';
import { addPhotos, countPhotos } from '$lib/findings/photo-store.server';
import { photoFiles, processPhotoFiles, PHOTO_UPLOAD_LIMIT } from '$lib/findings/photos.server';

/** Adds photos (multipart field `photos`) to a finding, up to five in all. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'finding');
	const { db } = database();
	const ctx = contextOf(event);
	await getFinding(db, ctx, id);
	const form = await readForm(event.request, PHOTO_UPLOAD_LIMIT);
	const photos = await processPhotoFiles(photoFiles(form, await countPhotos(db, id)));
	const finding = await db.transaction().execute(async (trx) => {
		// Counted again under the transaction: two uploads at once must not pass six.
		photoFiles(form, await countPhotos(trx, id));
		return addPhotos(trx, ctx, id, photos);
	});
	return json(finding, { status: 201 });
});
