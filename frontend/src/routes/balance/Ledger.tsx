import { Badge, Box, Button, Group, Select, Skeleton, Table, Text, Title } from '@mantine/core'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { request } from '../../api/client'
import { ErrorState } from '../../components/StatusViews'
import type { LedgerPageQuery } from '../../gql/graphql'
import { LEDGER_PAGE, ledgerWhere } from './filters'
import { formatCount, formatMoney } from '../../format/money'
import { session } from '../../session/session'
import { accountNames, formatTime, reasonText } from './format'
import { openingBalances, runningBalances, type CurrentBalance } from './ledger'
import { ledgerPageQuery } from './operations'
import { ledgerAccounts, type PublisherAccount } from './search'
import tables from '../../components/tables.module.css'

interface LedgerProps {
  /** publisherId is the publisher whose ledger the admin views; absent for the publisher itself. */
  publisherId?: string
  currencies: readonly string[]
  currency: string | undefined
  account: PublisherAccount | undefined
  onFilter: (filter: { currency: string | undefined; account: PublisherAccount | undefined }) => void
  locale: string
  timezone: string
}

function openingFrom(page: LedgerPageQuery | undefined): CurrentBalance[] | undefined {
  if (!page) return undefined
  if (page.balances) return page.balances
  const user = page.users?.edges?.[0]?.node
  return user ? user.balances : undefined
}

/**
 * Ledger lists the publisher's ledger newest first, with each entry's running balance: the
 * balance of its account (currency + account) just after the entry. The first page is fetched
 * in one request with the accounts' balances now; the running balance starts there and walks
 * back, page after page ("Load older entries" keeps the loaded pages), so it stays exact.
 */
export function Ledger({ publisherId, currencies, currency, account, onFilter, locale, timezone }: LedgerProps) {
  const where = ledgerWhere(publisherId, currency, account)
  const q = useInfiniteQuery({
    queryKey: ['LedgerPage', where],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      request(
        ledgerPageQuery,
        {
          where,
          first: LEDGER_PAGE,
          after: pageParam,
          mine: pageParam === null && !publisherId,
          theirs: pageParam === null && !!publisherId,
          publisherWhere: publisherId ? { id: publisherId } : null,
        },
        { token: session.token(), signal },
      ),
    getNextPageParam: (last) => (last.ledgerEntries.pageInfo.hasNextPage ? (last.ledgerEntries.pageInfo.endCursor ?? undefined) : undefined),
  })

  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.ledgerEntries.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []) ?? [], [q.data])
  const opening = openingFrom(q.data?.pages[0])
  const balances = useMemo(() => runningBalances(rows, openingBalances(opening ?? [])), [rows, opening])
  const total = q.data?.pages[0]?.ledgerEntries.totalCount ?? 0

  return (
    <Box component="section" aria-labelledby="ledger-title">
      <Title order={2} size="h3" id="ledger-title" mb="xs">
        Ledger
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Every movement of {publisherId ? 'this publisher’s' : 'your'} money, newest first. “Balance after” is the account’s balance right after the entry.
      </Text>
      <Group gap="sm" mb="sm" align="end">
        <Select
          label="Ledger currency"
          data={[{ value: '', label: 'All currencies' }, ...currencies.map((c) => ({ value: c, label: c }))]}
          value={currency ?? ''}
          onChange={(v) => {
            onFilter({ currency: currencies.find((c) => c === v), account })
          }}
          allowDeselect={false}
          w={170}
        />
        <Select
          label="Ledger account"
          data={[{ value: '', label: 'Both accounts' }, ...ledgerAccounts.map((a) => ({ value: a, label: accountNames[a] ?? a }))]}
          value={account ?? ''}
          onChange={(v) => {
            onFilter({ currency, account: ledgerAccounts.find((a) => a === v) })
          }}
          allowDeselect={false}
          w={190}
        />
      </Group>
      {q.isError ? (
        <ErrorState title="Could not load the ledger" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={200} />
      ) : rows.length === 0 ? (
        <Text size="sm">No ledger entries {currency || account ? 'match these filters' : 'yet: they appear with the first conversion'}.</Text>
      ) : (
        <>
          <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Ledger, scrolls sideways">
            <Table striped miw={720} data-testid="ledger">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Account</Table.Th>
                  <Table.Th scope="col">What</Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Amount
                  </Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Balance after
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td className={tables.nowrap}>{formatTime(e.createdAt, timezone, locale)}</Table.Td>
                    <Table.Td>
                      <Badge variant="default" radius="sm">
                        {e.currency} · {accountNames[e.account] ?? e.account}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{reasonText(e.reason)}</Table.Td>
                    <Table.Td className={tables.numeric}>{formatMoney(e.amount, e.currency, locale)}</Table.Td>
                    <Table.Td className={tables.numeric} data-testid="ledger-balance">
                      {formatMoney(balances.get(e.id), e.currency, locale)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              Showing {formatCount(rows.length, locale)} of {formatCount(total, locale)} entries
            </Text>
            {q.hasNextPage && (
              <Button variant="default" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
                Load older entries
              </Button>
            )}
          </Group>
        </>
      )}
    </Box>
  )
}
