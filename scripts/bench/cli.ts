import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** True when the module with this import.meta.url is the script node/tsx was started with (not imported by another). */
export function isMain(moduleUrl: string): boolean {
	return !!process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === moduleUrl;
}
