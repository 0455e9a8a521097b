import { z } from 'zod'

/** conversionsSearchSchema validates /conversions?status=PENDING. */
export const conversionsSearchSchema = z.object({
  status: z.enum(['PENDING', 'APPROVED', 'CANCELLED']).optional().catch(undefined),
})

export type ConversionsSearch = z.infer<typeof conversionsSearchSchema>
