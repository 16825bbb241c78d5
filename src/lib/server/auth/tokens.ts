/**
 * Secrets handed to clients (session cookies, API tokens) are 32 random bytes; only
 * their SHA-256 is stored, so a database leak does not leak usable credentials.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(prefix = ''): string {
	return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

export const API_TOKEN_PREFIX = 'lykta_';
