import { z } from 'zod'

/** ROLES are the API's Role values, in the order the page lists them. */
export const ROLES = ['ADVERTISER', 'PUBLISHER', 'ADMIN'] as const
export type RoleValue = (typeof ROLES)[number]

/** STATUSES are the API's UserStatus values. */
export const STATUSES = ['ACTIVE', 'PENDING', 'BLOCKED'] as const
export type StatusValue = (typeof STATUSES)[number]

/** PAGE_SIZES are the page sizes the list offers. */
export const PAGE_SIZES = [10, 25, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 25

/** SORTS are the list's orders. */
export const SORTS = ['newest', 'oldest', 'email', 'name'] as const
export type UserSort = (typeof SORTS)[number]

const id = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,17}$/))
  .optional()
  .catch(undefined)

/**
 * usersSearchSchema validates /users: `?q=…&role=PUBLISHER&status=PENDING&trusted=yes&sort=newest
 * &size=25&after=…` (or `before`), `user=<id>` for the open side panel and `create=1` for the
 * open "New user" form. A value that does not parse is dropped, never an error.
 */
export const usersSearchSchema = z.object({
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  trusted: z.enum(['yes', 'no']).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  after: z.string().min(1).max(200).optional().catch(undefined),
  before: z.string().min(1).max(200).optional().catch(undefined),
  user: id,
  create: z.coerce.number().pipe(z.literal(1)).optional().catch(undefined),
})

export type UsersSearch = z.infer<typeof usersSearchSchema>

/** FILTER_KEYS are the search params that narrow the list (changing one goes back to page one). */
export const FILTER_KEYS = ['q', 'role', 'status', 'trusted'] as const
