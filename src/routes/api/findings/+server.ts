import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, jsonField, readForm, readJson, readQuery } from '$lib/server/api/endpoint';
import { findingListQuery } from '$lib/findings/query.server';
import { badRequest, toApiError, unauthenticated } from '$lib/server/api/errors';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { contextOf } from '$lib/server/api/context';
import { createFinding, findByIdempotencyKey, getFinding, listFindings } from '$lib/findings/findings.server';
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
	if (!ctx.actor && !ctx.guest) {
		throw unauthenticated();
	}

	// A replay is answered before the body is even decoded (a queued phone upload with photos).
	if (keyValue) {
		const existing = await findByIdempotencyKey(db, ctx, keyValue);
		if (existing) return json(await getFinding(db, ctx, existing), { status: 200 });
	}

	let input: FindingCreateInput;
	let photos: ProcessedPhoto[] = [];
	if (/^multipart\/form-data/i.test(event.request.headers.get('content-type') ?? '')) {
		const form = await readForm(event.request, PHOTO_UPLOAD_LIMIT);
		input = jsonField(form, 'finding', findingCreateSchema);
		// Decoded and re-encoded outside the transaction: image work must not hold the database.
		photos = await processPhotoFiles(photoFiles(form));
	} else {
		input = await readJson(event.request, findingCreateSchema);
	}

	try {
		const created = await db.transaction().execute((trx) => createFinding(trx, ctx, input, keyValue, photos));
		return json(created.finding, { status: created.replay ? 200 : 201, headers: { location: `/api/findings/${created.finding.id}` } });
	} catch (error) {
		// Two copies of one submission racing: the loser answers with the winner's finding.
		const apiError = toApiError(error);
		if (keyValue && apiError?.code === 'already_exists') {
			const existing = await findByIdempotencyKey(db, ctx, keyValue);
			if (existing) return json(await getFinding(db, ctx, existing), { status: 200 });
		}
		throw error;
	}
});
