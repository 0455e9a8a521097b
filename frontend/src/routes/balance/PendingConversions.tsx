import { Box, Group, Skeleton, Table, Text, Title } from '@mantine/core'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { ErrorState } from '../../components/StatusViews'
import { formatCount, formatMoney } from '../../format/money'
import { formatTime } from './format'
import { pendingConversionsQuery } from './operations'
import tables from '../../components/tables.module.css'

interface Props {
  locale: string
  timezone: string
}

/** PendingConversions lists the newest pending conversions: the money behind the pending credit. */
export function PendingConversions({ locale, timezone }: Props) {
  const q = useGraphQLQuery(pendingConversionsQuery, { first: 10 })
  const rows = q.data?.conversions.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const total = q.data?.conversions.totalCount ?? 0
  return (
    <Box component="section" aria-labelledby="pending-title">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h3" id="pending-title">
          Pending conversions
        </Title>
        {total > 0 && (
          <AnchorLink to="/conversions" search={{ status: 'PENDING' }} data-testid="pending-link">
            See all {formatCount(total, locale)} pending conversions
          </AnchorLink>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Their payouts make up the pending credit; they move to credit when approved.
      </Text>
      {q.isError ? (
        <ErrorState title="Could not load the pending conversions" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={120} />
      ) : rows.length === 0 ? (
        <Text size="sm">No conversion is pending: all your payouts are decided.</Text>
      ) : (
        <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Pending conversions, scrolls sideways">
          <Table striped miw={560} data-testid="pending-conversions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Offer</Table.Th>
                <Table.Th scope="col">Goal</Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Payout
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td className={tables.nowrap}>{formatTime(c.createdAt, timezone, locale)}</Table.Td>
                  <Table.Td>{c.offer.name}</Table.Td>
                  <Table.Td>{c.goal.name}</Table.Td>
                  <Table.Td className={tables.numeric}>{formatMoney(c.payout, c.currency, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Box>
  )
}
