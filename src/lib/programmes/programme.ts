/** Programmes: time-boxed efforts in one or more areas, with goals and a capped budget. Client-safe. */
import { z } from 'zod';

export const BUDGET_LINE_KINDS = ['grants', 'measures', 'events', 'staff', 'other'] as const;

export const programmeCreateSchema = z.object({
	type: z.literal('Feature').optional(),
	geometry: z.null().optional(),
	properties: z
		.object({
			name: z.string().trim().min(1, 'a name is required').max(200),
			slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(80).optional(),
			description: z.string().trim().max(5000).default(''),
			areaIds: z.array(z.string().uuid()).min(1, 'a programme runs in at least one area').max(50),
			startsOn: z.iso.date(),
			endsOn: z.iso.date(),
			intensiveFrom: z.iso.date().nullable().default(null),
			intensiveTo: z.iso.date().nullable().default(null),
			budgetCapSek: z.number().nonnegative().max(1e10).nullable().default(null),
			budgetLines: z
				.array(z.object({ name: z.string().trim().min(1).max(200), kind: z.enum(BUDGET_LINE_KINDS).default('other'), capSek: z.number().nonnegative().max(1e10).nullable().default(null) }))
				.max(50)
				.default([])
		})
		.refine((p) => p.endsOn >= p.startsOn, { message: 'the programme must end after it starts', path: ['endsOn'] })
});
export type ProgrammeCreateInput = z.infer<typeof programmeCreateSchema>;
