import { z } from 'zod'

/** loginSearch is the sign-in page's URL: where to go afterwards, and why the viewer is here. */
export const loginSearchSchema = z.object({
  redirect: z.string().optional().catch(undefined),
  reason: z.enum(['expired']).optional().catch(undefined),
})

export type LoginSearch = z.infer<typeof loginSearchSchema>
