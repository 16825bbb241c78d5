import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import { PHOTO_MAX_EDGE, photoFiles, processPhoto, sniffImage } from './photos.server';
import { ApiError } from '$lib/server/api/errors';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe('sniffImage', () => {
	it('recognises JPEG, PNG and WebP by their first bytes, whatever the file claims', () => {
		expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
		expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
		expect(sniffImage(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50))).toBe('webp');
		expect(sniffImage(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45))).toBeNull(); // RIFF WAVE
		expect(sniffImage(new TextEncoder().encode('GIF89a……'))).toBeNull();
		expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
		expect(sniffImage(new Uint8Array())).toBeNull();
	});
});

describe('processPhoto', () => {
	it('turns the photo upright, scales it to 1600 px and drops every metadata block', async () => {
		// 1200 × 3000 stored sideways with EXIF orientation 6 (rotate 90° clockwise to view).
		const original = await sharp({ create: { width: 3000, height: 1200, channels: 3, background: '#4a7' } })
			.jpeg()
			.withMetadata({ orientation: 6 })
			.withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 18/1 45/1' } })
			.toBuffer();
		const photo = await processPhoto(original);
		expect({ width: photo.width, height: photo.height }).toEqual({ width: 640, height: PHOTO_MAX_EDGE });
		expect(photo.contentType).toBe('image/jpeg');
		expect(await exifr.parse(photo.data)).toBeUndefined();
		const meta = await sharp(photo.data).metadata();
		expect(meta.orientation).toBeUndefined();
		expect(meta.exif).toBeUndefined();
	});

	it('never enlarges a small photo', async () => {
		const small = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#000' } }).png().toBuffer();
		const photo = await processPhoto(small);
		expect([photo.width, photo.height]).toEqual([320, 200]);
	});

	it('refuses what is not an image, an empty file and a truncated one', async () => {
		await expect(processPhoto(new TextEncoder().encode('not an image at all'))).rejects.toMatchObject({ status: 415, code: 'unsupported_image' });
		await expect(processPhoto(new Uint8Array())).rejects.toMatchObject({ status: 400, code: 'invalid_image' });
		await expect(processPhoto(bytes(0xff, 0xd8, 0xff, 0xe0))).rejects.toMatchObject({ status: 400, code: 'invalid_image' });
	});
});

describe('photoFiles', () => {
	const form = (n: number) => {
		const f = new FormData();
		for (let i = 0; i < n; i++) f.append('photos', new Blob([new Uint8Array([1])]), `p${i}.jpg`);
		return f;
	};
	it('allows up to five photos per finding, counting those it already has', () => {
		expect(photoFiles(form(5))).toHaveLength(5);
		expect(() => photoFiles(form(6))).toThrow(ApiError);
		expect(() => photoFiles(form(2), 4)).toThrow(/at most 5/);
	});
	it('refuses text in the photos field', () => {
		const f = new FormData();
		f.append('photos', 'not a file');
		expect(() => photoFiles(f)).toThrowError(expect.objectContaining({ code: 'invalid_image' }));
	});
});
