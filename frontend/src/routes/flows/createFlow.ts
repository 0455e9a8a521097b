import { z } from 'zod'

/** RunnableOffer is an offer as the "create a flow" form reads it. */
export interface RunnableOffer {
  id: string
  name: string
  visibility: string
  myAccess?: { status: string } | null
}

/** mayRun reports whether a publisher may create a flow for the (active) offer: public, or access approved. */
export function mayRun(o: RunnableOffer): boolean {
  return o.visibility === 'PUBLIC' || o.myAccess?.status === 'APPROVED'
}

/** createFlowSchema validates the "create a flow" form. */
export const createFlowSchema = z.object({
  offerID: z.string().min(1, 'Choose the offer to promote.'),
  name: z.string().trim().max(200, 'Keep the name under 200 characters.'),
  landingIDs: z.array(z.string()),
})

export type CreateFlowValues = z.infer<typeof createFlowSchema>
