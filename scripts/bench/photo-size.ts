/**
 * Stored photo size versus the original: runs the server's photo pipeline on the JPEGs
 * given on the command line (or on a generated 12-megapixel phone-like photo) and prints
 * original and stored bytes and dimensions.
 *   npx tsx scripts/bench/photo-size.ts [photo.jpg …]
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { processPhoto } from '../../src/lib/findings/photos.server';

async function phoneLikePhoto(): Promise<Buffer> {
	// 4032 × 3024 like a phone camera: smooth gradients plus sensor-like noise, JPEG q92.
	const width = 4032;
	const height = 3024;
	const pixels = Buffer.alloc(width * height * 3);
	let seed = 42;
	const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 17) - 8;
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 3;
			pixels[i] = Math.max(0, Math.min(255, 90 + (x / width) * 100 + 30 * Math.sin(y / 40) + noise()));
			pixels[i + 1] = Math.max(0, Math.min(255, 120 + (y / height) * 80 + 25 * Math.cos(x / 55) + noise()));
			pixels[i + 2] = Math.max(0, Math.min(255, 70 + 40 * Math.sin((x + y) / 90) + noise()));
		}
	return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

const inputs = process.argv.slice(2);
const photos = inputs.length ? inputs.map((path) => ({ name: path, bytes: readFileSync(path) })) : [{ name: 'generated 4032×3024 q92', bytes: await phoneLikePhoto() }];
for (const { name, bytes } of photos) {
	const meta = await sharp(bytes).metadata();
	const started = performance.now();
	const stored = await processPhoto(bytes, name);
	const ms = Math.round(performance.now() - started);
	console.log(
		`${name}: original ${meta.width}×${meta.height} ${(bytes.byteLength / 1024).toFixed(0)} KiB → stored ${stored.width}×${stored.height} ${(stored.data.byteLength / 1024).toFixed(0)} KiB (${((100 * stored.data.byteLength) / bytes.byteLength).toFixed(1)} %), ${ms} ms`
	);
}
