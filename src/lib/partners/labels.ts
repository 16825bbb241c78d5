/** Words of other domains the directory shows, in the page's language. Client-safe. */
import { t } from '$lib/i18n';

export const findingCategoryLabel = (category: string) => t(`findings.category.${category}`);
