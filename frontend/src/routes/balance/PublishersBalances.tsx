import { Box, Skeleton, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { keepPreviousData } from '@tanstack/react-query'
import { useState } from 'react'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { ErrorState } from '../../components/StatusViews'
import { formatCount, formatMoney } from '../../format/money'
import { publishersWhere } from './filters'
import { publishersBalancesQuery } from './operations'
import tables from '../../components/tables.module.css'

interface Props {
  q: string | undefined
  onSearch: (q: string | undefined) => void
  locale: string
}

const FIRST = 100

/** PublishersBalances is the admin's table of every publisher's balances, searchable. */
export function PublishersBalances({ q, onSearch, locale }: Props) {
  const query = useGraphQLQuery(publishersBalancesQuery, { where: publishersWhere(q), first: FIRST }, { placeholderData: keepPreviousData })
  const [text, setText] = useState(q ?? '')
  const search = useDebouncedCallback((v: string) => {
    onSearch(v.trim() || undefined)
  }, 300)
  const users = query.data?.users.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const total = query.data?.users.totalCount ?? 0

  return (
    <Box component="section" aria-labelledby="publishers-title">
      <Title order={2} size="h3" id="publishers-title" mb="xs">
        Publishers’ balances
      </Title>
      <TextInput
        label="Find a publisher"
        placeholder="Email or name"
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value)
          search(e.currentTarget.value)
        }}
        maw={360}
        mb="sm"
      />
      {query.isError ? (
        <ErrorState title="Could not load the publishers’ balances" error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Skeleton height={160} />
      ) : users.length === 0 ? (
        <Text size="sm">{q ? `No publisher matches “${q}”.` : 'No publishers yet.'}</Text>
      ) : (
        <>
          <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Publishers’ balances, scrolls sideways">
            <Table striped miw={640} data-testid="publishers-balances">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Publisher</Table.Th>
                  <Table.Th scope="col">Currency</Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Credit
                  </Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Pending credit
                  </Table.Th>
                  <Table.Th scope="col">Ledger</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.flatMap((u) => {
                  const lines = u.balances.length > 0 ? u.balances : [null]
                  return lines.map((b, i) => (
                    <Table.Tr key={`${u.id}-${b?.currency ?? 'none'}`} data-testid="publisher-balance">
                      {i === 0 && (
                        <Table.Th scope="row" rowSpan={lines.length} fw={400}>
                          <Text size="sm">{u.name || u.email}</Text>
                          {u.name && (
                            <Text size="xs" c="dimmed">
                              {u.email}
                            </Text>
                          )}
                        </Table.Th>
                      )}
                      <Table.Td>{b?.currency ?? '—'}</Table.Td>
                      <Table.Td className={tables.numeric}>{b ? formatMoney(b.credit, b.currency, locale) : '—'}</Table.Td>
                      <Table.Td className={tables.numeric}>{b ? formatMoney(b.pendingCredit, b.currency, locale) : '—'}</Table.Td>
                      {i === 0 && (
                        <Table.Td rowSpan={lines.length}>
                          <AnchorLink
                            to="/balance"
                            search={{ publisher: u.id }}
                            aria-label={`View ledger of ${u.name || u.email}`}
                          >
                            View ledger
                          </AnchorLink>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))
                })}
              </Table.Tbody>
            </Table>
          </Box>
          {total > users.length && (
            <Text size="sm" c="dimmed" mt="sm">
              Showing the first {formatCount(users.length, locale)} of {formatCount(total, locale)} publishers; search to narrow them down.
            </Text>
          )}
        </>
      )}
    </Box>
  )
}
