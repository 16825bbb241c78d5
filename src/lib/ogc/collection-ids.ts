/**
 * The ids of the OGC API collections that a deployment may make public (LYKTA_OGC_PUBLIC).
 * Kept apart from the collections themselves so the configuration (read by CLI scripts too)
 * can check the setting without loading the server's queries. `incidents` is not among them:
 * individual incidents are never served to everyone.
 */
export const OGC_PUBLIC_COLLECTIONS = ['areas', 'services', 'walks', 'findings', 'measures', 'events', 'zones', 'incident-cells'] as const;
export type PublicCollectionId = (typeof OGC_PUBLIC_COLLECTIONS)[number];
