import { Box, Skeleton, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import type { StatisticsRowFragment } from '../../gql/graphql'
import { dimensionText, metricText, type Names } from './cells'
import { DIMENSION_LABELS, type MetricColumn } from './columns'
export type { Names } from './cells'
import type { OrderFieldName, SortState, StatDimensionName } from './search'
import classes from './Statistics.module.css'


interface SortHeaderProps {
  label: string
  field: OrderFieldName
  sort: SortState
  /** active: this column carries aria-sort (the dimensions: only their first column). */
  active: boolean
  numeric: boolean
  onSort: (field: OrderFieldName) => void
}

function SortHeader({ label, field, sort, active, numeric, onSort }: SortHeaderProps) {
  const sorted = active && sort.field === field
  const arrow = sorted ? (sort.direction === 'ASC' ? '▲' : '▼') : ''
  return (
    <th
      scope="col"
      className={numeric ? classes.numericHeader : undefined}
      aria-sort={sorted ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : undefined}
    >
      <UnstyledButton className={classes.sortButton} onClick={() => { onSort(field) }} data-sort-field={field}>
        {label}
        <span aria-hidden="true" style={{ minWidth: '1ch', display: 'inline-block' }}>
          {arrow}
        </span>
      </UnstyledButton>
    </th>
  )
}

interface ReportTableProps {
  rows: readonly StatisticsRowFragment[] | undefined
  totals: StatisticsRowFragment | undefined
  totalsByCurrency: readonly StatisticsRowFragment[] | undefined
  groupBy: StatDimensionName[]
  columns: MetricColumn[]
  sort: SortState
  onSort: (field: OrderFieldName) => void
  locale: string
  names: Names
  caption: string
  /** busy: the rows shown are the previous answer while the new one loads or renders. */
  busy?: boolean
}

/**
 * ReportTable is the report as a table: the dimension columns, then the role's metrics; headers
 * sort on the server; one totals row per currency (and one of all counts when currencies mix).
 */
export function ReportTable({ rows, totals, totalsByCurrency, groupBy, columns, sort, onSort, locale, names, caption, busy = false }: ReportTableProps) {
  // The caption says what the view is before its rows arrive (it is the page's largest text on a phone).
  const captionText = (
    <Text size="sm" c="dimmed" mb="xs" aria-hidden="true">
      {caption}
    </Text>
  )
  if (rows === undefined) {
    return (
      <>
        {captionText}
        <Stack gap={8} aria-hidden="true">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} height={24} />
          ))}
        </Stack>
      </>
    )
  }
  const byCurrency = totalsByCurrency ?? []
  // When the currencies' totals do not add up to every click (several currencies, or traffic of
  // no offer), a last row carries the counts of everything.
  const clicksByCurrency = byCurrency.reduce((n, r) => n + r.clicks, 0)
  const showAll = totals !== undefined && (byCurrency.length !== 1 || clicksByCurrency !== totals.clicks)
  // Rows are split by currency when the report has several: a Currency column tells them apart.
  const withCurrency = byCurrency.length > 1
  const totalRows = [...byCurrency.map((r) => ({ row: r, note: r.currency ?? '' }))]
  if (showAll) totalRows.push({ row: totals, note: byCurrency.length > 0 ? 'All' : '' })
  return (
    <>
    {captionText}
    <Box className={classes.scroll} tabIndex={0} role="region" aria-label="Statistics table, scrolls sideways">
      <table className={classes.table} data-testid="stats-table" aria-busy={busy}>
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <thead>
          <tr>
            {groupBy.map((d, i) => (
              <SortHeader
                key={d}
                label={DIMENSION_LABELS[d]}
                field="DIMENSIONS"
                sort={sort}
                active={i === 0}
                numeric={false}
                onSort={onSort}
              />
            ))}
            {withCurrency && <th scope="col">Currency</th>}
            {columns.map((c) => (
              <SortHeader key={c.field} label={c.label} field={c.order} sort={sort} active numeric onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {groupBy.map((d, j) =>
                j === 0 ? (
                  <th key={d} scope="row" className={d === 'DATE' ? classes.dateCell : classes.dimension}>
                    {dimensionText(r, d, locale, names)}
                  </th>
                ) : (
                  <td key={d} className={d === 'DATE' ? classes.dateCell : classes.dimension}>
                    {dimensionText(r, d, locale, names)}
                  </td>
                ),
              )}
              {withCurrency && <td>{r.currency ?? '—'}</td>}
              {columns.map((c) => (
                <td key={c.field} className={classes.numeric}>
                  {metricText(r, c, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          {totalRows.map(({ row, note }, i) => (
            <tr key={i} className={classes.totals} data-testid="stats-total" data-currency={row.currency ?? ''}>
              <th scope="row" colSpan={groupBy.length}>
                Total
              </th>
              {withCurrency && <td>{note}</td>}
              {columns.map((c) => (
                <td key={c.field} className={classes.numeric}>
                  {metricText(row, c, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </Box>
    </>
  )
}
