import { z } from 'zod'
import { isDay } from '../../format/dates'
import { isTimezone } from '../../preferences/timezone'

const DIMENSIONS = [
  'DATE', 'HOUR', 'OFFER', 'GOAL', 'FLOW', 'PUBLISHER', 'ADVERTISER', 'LANDING', 'SITE', 'COUNTRY', 'DEVICE',
  'SUB1', 'SUB2', 'SUB3', 'SUB4', 'SUB5',
] as const

/** StatDimensionName is a StatDimension as the URL writes it. */
export type StatDimensionName = (typeof DIMENSIONS)[number]

const day = z.string().refine(isDay).optional().catch(undefined)

/**
 * statisticsSearchSchema validates /statistics?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=DATE,SUB1&tz=…
 * A value that does not parse is dropped (the page's default applies) rather than failing the page.
 */
export const statisticsSearchSchema = z.object({
  from: day,
  to: day,
  groupBy: z
    .string()
    .transform((s) => s.split(',').filter((d): d is StatDimensionName => (DIMENSIONS as readonly string[]).includes(d)))
    .transform((ds) => (ds.length > 0 ? [...new Set(ds)].join(',') : undefined))
    .optional()
    .catch(undefined),
  tz: z.string().refine(isTimezone).optional().catch(undefined),
})

export type StatisticsSearch = z.infer<typeof statisticsSearchSchema>
