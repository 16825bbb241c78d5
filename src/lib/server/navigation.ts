/** A redirect target from user input: only local paths, so it cannot become an open redirect. */
export function safeRedirectPath(value: unknown): string {
	return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
