import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, jsonField, readForm, readJson, readQuery } from '$lib/server/api/endpoint';
import { findingListQuery } from '$lib/findings/query.server';
import { badRequest, toApiError, unauthenticated } from '$lib/server/api/errors';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { contextOf } from '$lib/server/api/context';
import { listFindings } from '$lib/findings/reads.server';
import { createFinding } from '$lib/findings/create.server';
import { replayOf } from '$lib/findings/idempotency.server';
import { photoFiles, processPhotoFiles, type ProcessedPhoto, PHOTO_UPLOAD_LIMIT } from '$lib/findings/photos.server';
import { findingCreateSchema, type FindingCreateInput } from '$lib/findings/finding';

export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, findingListQuery);
	return json(await listFindings(database().db, contextOf(event), filter));
});

const idempotencyKey = z.string().trim().min(1).max(200);

/**
 * Creates a finding from JSON, or from multipart/form-data with the JSON in `finding` and
 * up to five images in `photos`. With an `Idempotency-Key`, a repeated submission returns
 * the finding stored the first time (200) instead of creating another (201).
 */
export const POST = endpoint(async (event) => {
	const ctx = contextOf(event);
	const header = event.request.headers.get('idempotency-key');
	assertNoControlCharactersIn([['Idempotency-Key', header]]);
	const key = header === null ? null : idempotencyKey.safeParse(header);
	if (key && !key.success) throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 1–200 characters.');
	const keyValue = key?.success ? key.data : null;
	const { db } = database();
	if (!ctx.actor && !ctx.guest) throw unauthenticated();
	const multipart = /^multipart\/form-data/i.test(event.request.headers.get('content-type') ?? '');

	// A replay of a queued phone upload is answered before its photos are decoded. A JSON
	// submission needs no look-up of its own: the create statement finds the earlier one.
	if (keyValue && multipart) {
		const earlier = await replayOf(db, ctx, keyValue);
		if (earlier) return json(earlier, { status: 200 });
	}

	try {
		let input: FindingCreateInput;
		let photos: ProcessedPhoto[] = [];
		if (multipart) {
			const form = await readForm(event.request, PHOTO_UPLOAD_LIMIT);
			input = jsonField(form, 'finding', findingCreateSchema);
			// Decoded and re-encoded before the write: image work must not hold the database.
			photos = await processPhotoFiles(photoFiles(form));
		} else {
			input = await readJson(event.request, findingCreateSchema);
		}
		const created = await createFinding(db, ctx, input, keyValue, photos);
		return json(created.finding, { status: created.replay ? 200 : 201, headers: { location: `/api/findings/${created.finding.id}` } });
	} catch (error) {
		// A retry of a submission that was stored is answered with it, even if its body no
		// longer passes (it was read before anything else, as it always was).
		const refused = toApiError(error);
		if (keyValue && refused && refused.status < 500 && refused.code !== 'idempotency_key_reused') {
			const earlier = await replayOf(db, ctx, keyValue);
			if (earlier) return json(earlier, { status: 200 });
		}
		throw error;
	}
});
