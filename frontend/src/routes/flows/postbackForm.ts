import { z } from 'zod'
import { postbackURLProblem } from './macros'

/** postbackFormSchema validates a postback's settings as the server does (the URL's macros above all). */
export const postbackFormSchema = z.object({
  url: z
    .string()
    .trim()
    .superRefine((url, ctx) => {
      const problem = postbackURLProblem(url)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
  method: z.enum(['GET', 'POST_FORM', 'POST_JSON']),
  statuses: z.array(z.enum(['created', 'pending', 'approved', 'cancelled'])),
  goals: z.array(z.string().trim().min(1).max(64)).max(50, 'Choose at most 50 goals.'),
})

export type PostbackFormValues = z.infer<typeof postbackFormSchema>

/** PostbackSettings is what the API holds for a flow's or a publisher's default postback. */
export interface PostbackSettings {
  url: string | null | undefined
  method: string
  statuses: readonly string[] | null | undefined
  goals: readonly string[] | null | undefined
}

const statusSet = new Set(['created', 'pending', 'approved', 'cancelled'])

/** formValues turns the API's settings into the form's values. */
export function formValues(s: PostbackSettings): PostbackFormValues {
  const method = s.method === 'POST_FORM' || s.method === 'POST_JSON' ? s.method : 'GET'
  return {
    url: s.url ?? '',
    method,
    statuses: (s.statuses ?? []).filter((x): x is PostbackFormValues['statuses'][number] => statusSet.has(x)),
    goals: [...(s.goals ?? [])],
  }
}

/** flowPostbackInput is the UpdateFlowInput that saves the form's values on a flow. */
export function flowPostbackInput(v: PostbackFormValues) {
  const url = v.url.trim()
  return {
    ...(url === '' ? { clearPostbackURL: true } : { postbackURL: url }),
    postbackMethod: v.method,
    ...(v.statuses.length === 0 ? { clearPostbackStatuses: true } : { postbackStatuses: v.statuses }),
    ...(v.goals.length === 0 ? { clearPostbackGoals: true } : { postbackGoals: v.goals }),
  }
}

/** profilePostbackInput is the UpdateProfileInput that saves the form's values as the default postback. */
export function profilePostbackInput(v: PostbackFormValues) {
  return {
    defaultPostbackURL: v.url.trim(),
    defaultPostbackMethod: v.method,
    defaultPostbackStatuses: v.statuses,
    defaultPostbackGoals: v.goals,
  }
}
