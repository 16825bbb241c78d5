/** Accounts and roles as the browser may see them (never a password hash). */
import { z } from 'zod';

export const ROLES = ['admin', 'coordinator', 'walker', 'partner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A role in one area (and the areas nested inside it), or in every area when areaId is null. */
export interface RoleGrant {
	areaId: string | null;
	role: Role;
	/** May see individual incidents there (otherwise aggregates only). */
	incidents: boolean;
}

export interface Actor {
	id: string;
	email: string;
	displayName: string;
	partnerId: string | null;
	locale: 'sv' | 'en';
	roles: RoleGrant[];
}

export const loginSchema = z.object({
	email: z.string().trim().toLowerCase().email().max(320),
	password: z.string().min(1, 'required').max(1000)
});
