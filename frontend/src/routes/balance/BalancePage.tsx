import { Anchor, Box, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { getRouteApi } from '@tanstack/react-router'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import type { WithdrawalWhereInput } from '../../gql/graphql'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { can } from '../../session/permissions'
import { usePermissions } from '../../session/usePermissions'
import { BalanceCards } from './BalanceCards'
import { Ledger } from './Ledger'
import { publisherBalanceQuery, publishersBalancesQuery } from './operations'
import { PendingConversions } from './PendingConversions'
import { PublishersBalances } from './PublishersBalances'
import type { BalanceSearch, WithdrawalStatusName } from './search'
import { WithdrawalForm } from './WithdrawalForm'
import { Withdrawals } from './Withdrawals'

const route = getRouteApi('/app/balance')

/** useBalanceSearch reads /balance's URL and changes it (a new history entry, so Back works). */
function useBalanceSearch() {
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const set = (patch: Partial<BalanceSearch>, replace = false) => {
    void navigate({ search: (s) => ({ ...s, ...patch }), replace, resetScroll: false })
  }
  return [search, set] as const
}

/**
 * BalancePage is `/balance`: the publisher's money and withdrawals; for who pays withdrawals
 * (the admin), every publisher's.
 */
export function BalancePage() {
  return can(usePermissions(), 'PAY_WITHDRAWAL') ? <AdminBalance /> : <PublisherBalance />
}

function StatusFilter({
  value,
  options,
  onChange,
  label,
}: {
  value: WithdrawalStatusName | undefined
  options: readonly WithdrawalStatusName[]
  onChange: (v: WithdrawalStatusName | undefined) => void
  label: string
}) {
  const names: Record<string, string> = { '': 'All', REQUESTED: 'Requested', PAID: 'Paid', REJECTED: 'Rejected' }
  return (
    <SegmentedControl
      aria-label={label}
      mb="sm"
      value={value ?? ''}
      data={['', ...options].map((v) => ({ value: v, label: names[v] ?? v }))}
      onChange={(v) => {
        onChange(v ? (v as WithdrawalStatusName) : undefined)
      }}
    />
  )
}

function PublisherBalance() {
  const [search, set] = useBalanceSearch()
  const locale = useLocale()
  const timezone = useTimezone()
  const q = useGraphQLQuery(publisherBalanceQuery, {})
  const requests = can(usePermissions(), 'REQUEST_WITHDRAWAL')
  const balances = q.data?.balances
  const where: WithdrawalWhereInput = search.status ? { status: search.status } : {}

  return (
    <Page title="Balance">
      <Text size="sm" c="dimmed" mt={-12}>
        Money in each offer’s currency. Times in {timezone}.
      </Text>
      {q.isError ? (
        <ErrorState title="Could not load your balance" error={q.error} onRetry={() => void q.refetch()} />
      ) : balances?.length === 0 ? (
        <EmptyState
          title="No money yet"
          text="Your credit grows as conversions from your traffic are approved; then you can withdraw it here."
          next={{ to: '/flows', label: 'Create a flow' }}
        />
      ) : (
        <BalanceCards balances={balances} locale={locale} />
      )}
      <PendingConversions locale={locale} timezone={timezone} />
      {requests && q.data && q.data.balances.length > 0 && (
        <WithdrawalForm balances={q.data.balances} minimum={q.data.settings.minWithdrawal} locale={locale} />
      )}
      <Withdrawals
        title="Your withdrawals"
        titleId="withdrawals-title"
        where={where}
        admin={false}
        filters={
          <StatusFilter
            label="Show withdrawals"
            value={search.status}
            options={['REQUESTED', 'PAID', 'REJECTED']}
            onChange={(status) => {
              set({ status })
            }}
          />
        }
        empty={search.status ? 'No withdrawal in this state.' : 'No withdrawals yet: request one above once you have credit.'}
        locale={locale}
        timezone={timezone}
        testId="my-withdrawals"
      />
      <Ledger
        currencies={balances?.map((b) => b.currency) ?? []}
        currency={search.currency}
        account={search.account}
        onFilter={(f) => {
          set(f)
        }}
        locale={locale}
        timezone={timezone}
      />
    </Page>
  )
}

function AdminBalance() {
  const [search, set] = useBalanceSearch()
  const locale = useLocale()
  const timezone = useTimezone()
  return (
    <Page title="Balance">
      <Text size="sm" c="dimmed" mt={-12}>
        Every publisher’s money and withdrawals. Times in {timezone}.
      </Text>
      {search.publisher ? (
        <OnePublisher id={search.publisher} locale={locale} timezone={timezone} />
      ) : (
        <>
          <Withdrawals
            title="Withdrawals to decide"
            titleId="queue-title"
            description={
              <Text size="sm" c="dimmed" mb="sm">
                Requested withdrawals wait for you: pay them once the money is sent, or reject them to return the money to the publisher’s credit.
              </Text>
            }
            where={{ status: 'REQUESTED' }}
            admin
            empty="No withdrawal waits for a decision."
            locale={locale}
            timezone={timezone}
            testId="withdrawal-queue"
          />
          <PublishersBalances
            q={search.q}
            onSearch={(q) => {
              set({ q }, true)
            }}
            locale={locale}
          />
          <Withdrawals
            title="Decided withdrawals"
            titleId="decided-title"
            where={{ statusIn: search.status && search.status !== 'REQUESTED' ? [search.status] : ['PAID', 'REJECTED'] }}
            admin
            filters={
              <StatusFilter
                label="Show decided withdrawals"
                value={search.status === 'REQUESTED' ? undefined : search.status}
                options={['PAID', 'REJECTED']}
                onChange={(status) => {
                  set({ status })
                }}
              />
            }
            empty="No withdrawal has been decided yet."
            locale={locale}
            timezone={timezone}
            testId="decided-withdrawals"
          />
        </>
      )}
    </Page>
  )
}

function OnePublisher({ id, locale, timezone }: { id: string; locale: string; timezone: string }) {
  const [search, set] = useBalanceSearch()
  const q = useGraphQLQuery(publishersBalancesQuery, { where: { id, role: 'PUBLISHER' }, first: 1 })
  const user = q.data?.users.edges?.[0]?.node
  const back = (
    <AnchorLink to="/balance" search={{ q: search.q }}>
      ← All publishers
    </AnchorLink>
  )
  if (q.isError) return <ErrorState title="Could not load this publisher" error={q.error} onRetry={() => void q.refetch()} />
  if (q.data && !user) {
    return (
      <Stack gap="sm">
        <Text>There is no publisher with this id.</Text>
        {back}
      </Stack>
    )
  }
  return (
    <Stack gap="lg">
      <Box>
        {back}
        <Title order={2} size="h3" mt="xs" data-testid="publisher-title">
          {user ? user.name || user.email : 'Publisher'}
          {user?.name && (
            <Text span c="dimmed" size="sm" ml="xs">
              <Anchor href={`mailto:${user.email}`}>{user.email}</Anchor>
            </Text>
          )}
        </Title>
      </Box>
      {user?.balances.length === 0 ? (
        <Text size="sm">This publisher has no money yet.</Text>
      ) : (
        <BalanceCards balances={user?.balances} locale={locale} />
      )}
      <Withdrawals
        title="Withdrawals"
        titleId="publisher-withdrawals-title"
        where={{ hasPublisherWith: [{ id }], ...(search.status ? { status: search.status } : {}) }}
        admin
        showPublisher={false}
        filters={
          <StatusFilter
            label="Show withdrawals"
            value={search.status}
            options={['REQUESTED', 'PAID', 'REJECTED']}
            onChange={(status) => {
              set({ status })
            }}
          />
        }
        empty={search.status ? 'No withdrawal in this state.' : 'This publisher has not asked for a withdrawal yet.'}
        locale={locale}
        timezone={timezone}
        testId="publisher-withdrawals"
      />
      <Ledger
        publisherId={id}
        currencies={user?.balances.map((b) => b.currency) ?? []}
        currency={search.currency}
        account={search.account}
        onFilter={(f) => {
          set(f)
        }}
        locale={locale}
        timezone={timezone}
      />
    </Stack>
  )
}
