import { controlCharacterIn } from './api/control-characters';

/**
 * A redirect target from user input: only local paths, so it cannot become an open
 * redirect, and none with control characters (they cannot go into a Location header).
 */
export function safeRedirectPath(value: unknown): string {
	return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && !controlCharacterIn(value) ? value : '/';
}
