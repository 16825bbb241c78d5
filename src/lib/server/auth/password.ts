/**
 * Password hashing with Argon2id (@node-rs/argon2: maintained, prebuilt, no node-gyp),
 * OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';

const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// Verifying against a throwaway hash when the account does not exist keeps the response
// time the same, so login timing does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstNothing(password: string): Promise<false> {
	dummyHash ??= hashPassword('lykta-timing-equaliser');
	await verifyPassword(await dummyHash, password);
	return false;
}
