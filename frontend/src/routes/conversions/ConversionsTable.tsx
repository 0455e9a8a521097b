import { Badge, Box, Checkbox, Table, Text, UnstyledButton } from '@mantine/core'
import {
  createColumnHelper,
  rowSelectionFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowSelectionState,
} from '@tanstack/react-table'
import { useMemo } from 'react'
import type { ConversionRowFragment } from '../../gql/graphql'
import { EMPTY, formatMoney } from '../../format/money'
import { orEmpty } from './format'
import { cancelReasonLabel, profitOf, selectable } from './bulk'
import { STATUS_COLORS, STATUS_NAMES, formatShortTime } from './format'
import type { ConversionsView } from './rules'
import classes from './Conversions.module.css'
import tables from '../../components/tables.module.css'

const features = tableFeatures({ rowSelectionFeature })
const helper = createColumnHelper<typeof features, ConversionRowFragment>()

interface ConversionsTableProps {
  rows: ConversionRowFragment[]
  view: ConversionsView
  locale: string
  timeZone: string
  selection: RowSelectionState
  onSelectionChange: (next: RowSelectionState) => void
  onOpen: (id: string) => void
}

/** ConversionsTable is the list: a real <table>, columns by role, row selection for those who decide. */
export function ConversionsTable({ rows, view, locale, timeZone, selection, onSelectionChange, onOpen }: ConversionsTableProps) {
  const columns = useMemo(() => {
    const money = (value: string | null | undefined, currency: string) => (
      <span className={tables.numeric}>{formatMoney(value, currency, locale)}</span>
    )
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
    const cols: ColumnDef<typeof features, ConversionRowFragment, any>[] = [
      ...(view.decides
        ? [
            helper.display({
              id: 'select',
              header: ({ table }) => (
                <Checkbox
                  aria-label="Select every changeable conversion on this page"
                  checked={table.getIsAllRowsSelected()}
                  indeterminate={table.getIsSomeRowsSelected()}
                  onChange={table.getToggleAllRowsSelectedHandler()}
                  disabled={!rows.some(selectable)}
                />
              ),
              cell: ({ row }) => (
                <Checkbox
                  aria-label={`Select conversion ${row.original.id}`}
                  checked={row.getIsSelected()}
                  disabled={!row.getCanSelect()}
                  onChange={row.getToggleSelectedHandler()}
                />
              ),
            }),
          ]
        : []),
      helper.accessor('id', {
        header: 'Conversion',
        cell: ({ row }) => (
          <UnstyledButton
            className={classes.idButton}
            onClick={() => {
              onOpen(row.original.id)
            }}
            aria-label={`Details of conversion ${row.original.id}`}
            aria-haspopup="dialog"
          >
            {row.original.id}
          </UnstyledButton>
        ),
      }),
      helper.accessor('createdAt', {
        header: 'Time',
        cell: ({ row }) => <span className={tables.nowrap}>{formatShortTime(row.original.createdAt, locale, timeZone)}</span>,
      }),
      helper.accessor((r) => r.offer.name, { id: 'offer', header: 'Offer' }),
      helper.accessor((r) => r.goal.name, { id: 'goal', header: 'Goal' }),
      helper.accessor('status', {
        header: 'Status',
        cell: ({ row }) => (
          <>
            <Badge color={STATUS_COLORS[row.original.status]} variant="filled" radius="sm" miw="max-content">
              {STATUS_NAMES[row.original.status]}
            </Badge>
            {row.original.cancelReason && (
              <Text size="xs" c="dimmed" mt={2}>
                {cancelReasonLabel(row.original.cancelReason)}
              </Text>
            )}
          </>
        ),
      }),
      ...(view.payout
        ? [helper.accessor('payout', { header: 'Payout', cell: ({ row }) => money(row.original.payout, row.original.currency) })]
        : []),
      ...(view.revenue
        ? [
            helper.accessor('revenue', {
              header: view.revenueLabel,
              cell: ({ row }) => money(row.original.revenue, row.original.currency),
            }),
          ]
        : []),
      ...(view.profit
        ? [
            helper.display({
              id: 'profit',
              header: 'Profit',
              cell: ({ row }) => money(profitOf(row.original.revenue, row.original.payout), row.original.currency),
            }),
          ]
        : []),
      helper.accessor('amount', {
        header: 'Amount',
        cell: ({ row }) => money(row.original.amount, row.original.currency),
      }),
      helper.accessor('currency', { header: 'Currency' }),
      helper.accessor('transactionID', {
        header: 'Transaction ID',
        cell: ({ row }) => orEmpty(row.original.transactionID),
      }),
      ...(view.publisher
        ? [helper.accessor((r) => r.publisher?.name ?? EMPTY, { id: 'publisher', header: 'Publisher' })]
        : []),
      ...(view.traffic
        ? [
            helper.accessor((r) => (r.flow ? r.flow.name || r.flow.code : EMPTY), { id: 'flow', header: 'Flow' }),
            helper.accessor('sub1', { header: 'Sub1', cell: ({ row }) => orEmpty(row.original.sub1) }),
          ]
        : []),
      helper.accessor('country', { header: 'Country', cell: ({ row }) => orEmpty(row.original.country) }),
    ]
    return cols
  }, [view, locale, timeZone, rows, onOpen])

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => r.id,
    enableRowSelection: (row) => view.decides && selectable(row.original),
    state: { rowSelection: selection },
    onRowSelectionChange: (updater) => {
      onSelectionChange(typeof updater === 'function' ? updater(selection) : updater)
    },
  })

  const numericColumns = new Set(['payout', 'revenue', 'profit', 'amount'])
  const cellClass = (id: string) => (numericColumns.has(id) ? tables.numeric : id === 'offer' ? classes.offer : undefined)

  return (
    <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Conversions table, scrolls sideways">
      <Table striped highlightOnHover miw={view.publisher ? 1280 : 1120} data-testid="conversions-table" verticalSpacing="xs">
        <Table.Caption className={tables.srOnly}>Conversions, newest first unless sorted otherwise</Table.Caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => (
                <Table.Th
                  key={header.id}
                  scope="col"
                  className={cellClass(header.column.id)}
                >
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </Table.Th>
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} data-testid="conversion-row" data-id={row.id} data-status={row.original.status} aria-selected={view.decides ? row.getIsSelected() : undefined}>
              {row.getAllCells().map((cell) => (
                <Table.Td key={cell.id} className={cellClass(cell.column.id)}>
                  <table.FlexRender cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" p="md">
          No conversions.
        </Text>
      )}
    </Box>
  )
}
