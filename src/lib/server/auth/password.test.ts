import { describe, it, expect } from 'vitest';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';

const PASSWORD = 'korrekt-häst-batteri-häftklammer';

describe('hashPassword', () => {
	it('produces an argon2id PHC string with the OWASP parameters', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(hash.startsWith('$argon2id$')).toBe(true);
		// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{32,}$/);
		expect(hash).not.toContain(PASSWORD);
	});

	it('salts: the same password hashes differently each time', async () => {
		const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
		expect(a).not.toBe(b);
		expect(await verifyPassword(a, PASSWORD)).toBe(true);
		expect(await verifyPassword(b, PASSWORD)).toBe(true);
	});
});

describe('verifyPassword', () => {
	it('is true for the right password and false for a wrong one', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(await verifyPassword(hash, PASSWORD)).toBe(true);
		expect(await verifyPassword(hash, 'korrekt-hast-batteri-haftklammer')).toBe(false);
		expect(await verifyPassword(hash, `${PASSWORD} `)).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
	});

	it('is case-sensitive', async () => {
		const hash = await hashPassword('Lykta-2026');
		expect(await verifyPassword(hash, 'lykta-2026')).toBe(false);
	});

	it.each(['', 'not-a-hash', '$argon2id$', '$argon2id$v=19$m=19456,t=2,p=1$bm90c2FsdA$', '$2b$10$abcdefghijklmnopqrstuv'])(
		'is false (not a throw) for the malformed hash %j',
		async (hash) => {
			await expect(verifyPassword(hash, PASSWORD)).resolves.toBe(false);
		}
	);

	it('is false when the hash was tampered with', async () => {
		const hash = await hashPassword(PASSWORD);
		// Change a character in the middle of the digest (the last one carries padding bits).
		const i = hash.length - 10;
		const tampered = hash.slice(0, i) + (hash[i] === 'A' ? 'B' : 'A') + hash.slice(i + 1);
		expect(tampered).not.toBe(hash);
		expect(await verifyPassword(tampered, PASSWORD)).toBe(false);
	});
});

describe('verifyAgainstNothing', () => {
	it('resolves false, whatever the password', async () => {
		await expect(verifyAgainstNothing(PASSWORD)).resolves.toBe(false);
		// Even the password of the internal dummy hash does not log anyone in.
		await expect(verifyAgainstNothing('lykta-timing-equaliser')).resolves.toBe(false);
	});
});
