import { Box, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import type { OverviewTopOffersQuery } from '../../gql/graphql'
import { formatCount, formatMoney, formatPercent } from '../../format/money'
import type { OverviewView } from './metrics'
import tables from '../../components/tables.module.css'

type Row = OverviewTopOffersQuery['statistics']['rows'][number]

/** TopOffersSort is what the top offers are ranked by. */
export type TopOffersSort = 'CONVERSIONS' | 'MONEY'

interface TopOffersProps {
  rows: readonly Row[] | undefined
  view: OverviewView
  locale: string
  sort: TopOffersSort
  onSort: (sort: TopOffersSort) => void
}

/** TopOffers is the table of the five best offers of the last 30 days. */
export function TopOffers({ rows, view, locale, sort, onSort }: TopOffersProps) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="top-offers-title">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="top-offers-title">
          Top offers, last 30 days
        </Title>
        {view.moneySort && (
          <SegmentedControl
            size="xs"
            aria-label="Rank offers by"
            value={sort}
            onChange={(v) => {
              onSort(v === 'MONEY' ? 'MONEY' : 'CONVERSIONS')
            }}
            data={[
              { value: 'CONVERSIONS', label: 'Conversions' },
              { value: 'MONEY', label: view.moneySort.label },
            ]}
          />
        )}
      </Group>
      {rows === undefined ? (
        <Stack gap={8} aria-hidden="true">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} height={20} />
          ))}
        </Stack>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No offer had traffic in the last 30 days.
        </Text>
      ) : (
        <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Top offers table, scrolls sideways">
          <Table striped highlightOnHover miw={480} data-testid="top-offers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Offer</Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Clicks
                </Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Conversions
                </Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  CR
                </Table.Th>
                {view.epc && (
                  <Table.Th scope="col" className={tables.numeric}>
                    EPC
                  </Table.Th>
                )}
                {view.money.map((m) => (
                  <Table.Th key={m.field} scope="col" className={tables.numeric}>
                    {m.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.offerID ?? 'none'}-${r.currency ?? ''}`}>
                  <Table.Th scope="row" fw={500}>
                    {r.offerName ?? 'No offer'}
                  </Table.Th>
                  <Table.Td className={tables.numeric}>{formatCount(r.clicks, locale)}</Table.Td>
                  <Table.Td className={tables.numeric}>{formatCount(r.conversions, locale)}</Table.Td>
                  <Table.Td className={tables.numeric}>{formatPercent(r.cr, locale)}</Table.Td>
                  {view.epc && (
                    <Table.Td className={tables.numeric}>
                      {formatMoney(r.epc, r.currency, locale, { maximumFractionDigits: 4 })}
                    </Table.Td>
                  )}
                  {view.money.map((m) => (
                    <Table.Td key={m.field} className={tables.numeric}>
                      {formatMoney(r[m.field], r.currency, locale)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Paper>
  )
}
