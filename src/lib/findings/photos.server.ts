/**
 * Photos of findings. An upload is trusted for nothing: its type is read from its first
 * bytes (not from the name or the declared type), it is decoded, turned upright, scaled
 * down to at most 1600 px and re-encoded as JPEG with sharp. Re-encoding drops every
 * metadata block (EXIF with GPS position and camera, XMP, IPTC), so none is ever stored
 * or served; the original bytes are discarded.
 */
import sharp from 'sharp';
import { ApiError, badRequest } from '$lib/server/api/errors';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './finding';

export const PHOTO_MAX_EDGE = 1600;

/** Largest multipart upload: five photos at their limit and the finding's JSON beside them. */
export const PHOTO_UPLOAD_LIMIT = MAX_PHOTOS * MAX_PHOTO_BYTES + 1_000_000;
const JPEG_QUALITY = 80;

export interface ProcessedPhoto {
	data: Buffer;
	contentType: 'image/jpeg';
	width: number;
	height: number;
	originalBytes: number;
}

type ImageKind = 'jpeg' | 'png' | 'webp';

/** The image type by magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP RIFF….WEBP. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
	const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
	if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
	return null;
}

export async function processPhoto(bytes: Uint8Array, name = 'photo'): Promise<ProcessedPhoto> {
	if (bytes.byteLength > MAX_PHOTO_BYTES)
		throw new ApiError(413, 'photo_too_large', `${name} is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`, { name });
	if (bytes.byteLength === 0) throw badRequest('invalid_image', `${name} is empty.`, { name });
	if (!sniffImage(bytes))
		throw new ApiError(415, 'unsupported_image', `${name} is not a JPEG, PNG or WebP image.`, { name });
	try {
		const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 })
			.rotate() // apply the EXIF orientation before the EXIF block is dropped
			.resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
			.flatten({ background: '#ffffff' })
			.jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
			.toBuffer({ resolveWithObject: true });
		return { data, contentType: 'image/jpeg', width: info.width, height: info.height, originalBytes: bytes.byteLength };
	} catch (error) {
		throw badRequest('invalid_image', `${name} could not be read as an image.`, { name, reason: (error as Error).message });
	}
}

/** The files of a multipart field, checked for count before any is decoded. */
export function photoFiles(form: FormData, existing = 0, field = 'photos'): File[] {
	const entries = form.getAll(field);
	const files = entries.filter((e): e is File => typeof e !== 'string');
	if (files.length !== entries.length) throw badRequest('invalid_image', `The "${field}" field must hold files.`);
	if (existing + files.length > MAX_PHOTOS)
		throw badRequest('too_many_photos', `A finding can have at most ${MAX_PHOTOS} photos.`, { max: MAX_PHOTOS, existing, sent: files.length });
	return files;
}

export async function processPhotoFiles(files: File[]): Promise<ProcessedPhoto[]> {
	const processed: ProcessedPhoto[] = [];
	for (const file of files) processed.push(await processPhoto(new Uint8Array(await file.arrayBuffer()), file.name || 'photo'));
	return processed;
}
