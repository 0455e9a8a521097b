import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core'
import { AnchorLink } from '../../components/links'
import type { OverviewPeriodFragment } from '../../gql/graphql'
import { formatCount, formatMoney, formatPercent } from '../../format/money'
import type { OverviewView } from './metrics'
import classes from './Overview.module.css'

interface PeriodCardProps {
  /** id names the card for tests and labels ("today"). */
  id: string
  title: string
  /** range describes the days covered, for people ("Nov 22 – Nov 28"). */
  range: string
  report: OverviewPeriodFragment | undefined
  view: OverviewView
  locale: string
}

function Metric({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className={classes.metric}>
      <dt>{label}</dt>
      <dd className="tabular" data-testid={testId}>
        {children}
      </dd>
    </div>
  )
}

/** PeriodCard shows one period's clicks, conversions, CR and the money the viewer's role may see. */
export function PeriodCard({ id, title, range, report, view, locale }: PeriodCardProps) {
  const headingId = `period-${id}`
  const money = (report?.totalsByCurrency ?? []).filter((r) => r.currency)
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId} data-testid={`card-${id}`}>
      <Group justify="space-between" align="baseline" mb="xs" wrap="nowrap">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {range}
        </Text>
      </Group>
      {report === undefined ? (
        <Stack gap={8} aria-hidden="true">
          <Skeleton height={28} width="60%" />
          <Skeleton height={14} />
          <Skeleton height={14} />
          <Skeleton height={14} width="80%" />
        </Stack>
      ) : (
        <dl className={classes.metrics}>
          <Metric label="Clicks" testId={`${id}-clicks`}>
            {formatCount(report.totals.clicks, locale)}
          </Metric>
          <Metric label="Conversions" testId={`${id}-conversions`}>
            {formatCount(report.totals.conversions, locale)}
          </Metric>
          <Metric label="CR" testId={`${id}-cr`}>
            {formatPercent(report.totals.cr, locale)}
          </Metric>
          {view.epc && (
            <Metric label="EPC" testId={`${id}-epc`}>
              <MoneyLines rows={money} value={(r) => r.epc} locale={locale} fraction={4} />
            </Metric>
          )}
          {view.money.map((m) => (
            <Metric key={m.field} label={m.label} testId={`${id}-${m.field}`}>
              <MoneyLines rows={money} value={(r) => r[m.field]} locale={locale} />
            </Metric>
          ))}
          <Metric label="Pending" testId={`${id}-pending`}>
            {view.pendingLink && report.totals.pending > 0 ? (
              <AnchorLink to="/conversions" search={{ status: 'PENDING' }} size="sm">
                {formatCount(report.totals.pending, locale)}
              </AnchorLink>
            ) : (
              formatCount(report.totals.pending, locale)
            )}
          </Metric>
          {view.pendingMoney && (
            <Metric label={view.pendingMoney} testId={`${id}-pendingPayout`}>
              <MoneyLines rows={money} value={(r) => r.pendingPayout} locale={locale} />
            </Metric>
          )}
        </dl>
      )}
    </Paper>
  )
}

type MoneyRow = OverviewPeriodFragment['totalsByCurrency'][number]

/** MoneyLines writes a money metric once per currency ("—" when there is none or it is hidden). */
function MoneyLines({
  rows,
  value,
  locale,
  fraction,
}: {
  rows: readonly MoneyRow[]
  value: (row: MoneyRow) => string | null
  locale: string
  fraction?: number
}) {
  // No currency, or a metric the role may not see in any of them: one dash, not one per currency.
  if (rows.every((r) => value(r) === null)) return <>—</>
  return (
    <>
      {rows.map((r) => (
        <span key={r.currency} className={classes.moneyLine}>
          {formatMoney(value(r), r.currency, locale, fraction ? { maximumFractionDigits: fraction } : {})}
        </span>
      ))}
    </>
  )
}
