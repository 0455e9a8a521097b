import { Alert, Box, Button, Group, Modal, Select, Skeleton, Stack, Table, Tabs, Text, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useMemo, useState } from 'react'
import { request } from '../../api/client'
import { operationName, useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { formatCount } from '../../format/money'
import type { OffersListQuery } from '../../gql/graphql'
import { useLocale } from '../../preferences/timezone'
import { session } from '../../session/session'
import { useViewer } from '../../session/useViewer'
import { AccessRequests } from './AccessRequests'
import { acceptsCountry, offerOrder, offerWhere } from './filters'
import { countriesText, personName, statusNames, visibilityNames, ALERT_STYLES } from './labels'
import { currencyCodes } from './money'
import { offerCountsQuery, offersListQuery } from './operations'
import { OfferForm } from './OfferForm'
import { AccessBadge, FlowLink, GoalsSummary, StatusBadge } from './parts'
import { RequestAccessModal } from './RequestAccess'
import { accessState, mayRequest, mayRun, offersView, type OffersView } from './rules'
import { ACCESS_FILTERS, FILTER_KEYS, OFFER_VISIBILITIES, type AccessFilter, type OfferStatusName, type OffersSearch } from './search'
import classes from './Offers.module.css'
import tables from '../../components/tables.module.css'

const route = getRouteApi('/app/offers')

type OfferRow = NonNullable<NonNullable<NonNullable<OffersListQuery['offers']['edges']>[number]>['node']>

const PAGE = 50

const accessFilterNames: Record<AccessFilter, string> = {
  RUNNABLE: 'I can run',
  NEEDS_REQUEST: 'Needs my request',
  REQUESTED: 'Requested',
  REJECTED: 'Rejected',
}

const TAB_ORDER: ('ALL' | OfferStatusName)[] = ['ALL', 'DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED']
const COUNT_KEYS = { ALL: 'all', DRAFT: 'draft', ACTIVE: 'active', PAUSED: 'paused', ARCHIVED: 'archived' } as const

/** OffersPage is `/offers`: the publishers' catalog; the advertisers' and the admin's offers, drafts and access requests. */
export function OffersPage() {
  const viewer = useViewer()
  const view = offersView(viewer.permissions)
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const goTo = useNavigate()
  const locale = useLocale()

  const set = (patch: Partial<OffersSearch>, replace = false) => {
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace, resetScroll: false })
  }

  return (
    <Page
      title="Offers"
      actions={
        view.creates && (
          <Button
            onClick={() => {
              set({ create: true })
            }}
          >
            New offer
          </Button>
        )
      }
    >
      <Text size="sm" c="dimmed" mt={-12}>
        {view.catalog
          ? 'The offers you may run, with your rate per goal. Ask for access to offers that need approval.'
          : view.admin
            ? 'Every advertiser’s offers. Review drafts: set the publisher payouts and activate them.'
            : 'Your offers. New offers start as drafts until the network’s admin activates them.'}
      </Text>

      {view.admin && <AdminQueue search={search} set={set} />}

      <Filters key={FILTER_KEYS.map((k) => search[k] ?? '').join('|')} search={search} view={view} set={set} />

      {view.statusFilter ? (
        <StatusTabs search={search} view={view} set={set} locale={locale} />
      ) : (
        <OfferList search={search} view={view} locale={locale} />
      )}

      {search.create && view.creates && (
        <Modal
          opened
          size="lg"
          onClose={() => {
            set({ create: undefined })
          }}
          title="New offer"
          closeButtonProps={{ 'aria-label': 'Close' }}
        >
          <OfferForm
            admin={view.admin}
            onCancel={() => {
              set({ create: undefined })
            }}
            onSaved={(id) => {
              void goTo({ to: '/offers/$offerId', params: { offerId: id }, search: { tab: 'goals' } })
            }}
          />
        </Modal>
      )}
    </Page>
  )
}

/** AdminQueue tells the admin what waits for it: drafts to review and access requests. */
function AdminQueue({ search, set }: { search: OffersSearch; set: (p: Partial<OffersSearch>) => void }) {
  const drafts = useGraphQLQuery(offerCountsQuery, { all: {}, draft: { status: 'DRAFT' }, active: { status: 'ACTIVE' }, paused: { status: 'PAUSED' }, archived: { status: 'ARCHIVED' } })
  const n = drafts.data?.draft.totalCount ?? 0
  return (
    <Stack gap="md">
      {n > 0 && search.status !== 'DRAFT' && (
        <Alert styles={ALERT_STYLES} color="yellow" variant="light" title={`${String(n)} ${n === 1 ? 'draft waits' : 'drafts wait'} for your review`} data-testid="drafts-callout">
          <Group justify="space-between" gap="sm">
            <Text size="sm">Advertisers’ new offers: check them, set the goals’ payouts and activate them.</Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                set({ status: 'DRAFT' })
              }}
            >
              Review drafts
            </Button>
          </Group>
        </Alert>
      )}
      <AccessRequests
        title="Access requests waiting"
        titleId="access-queue-title"
        where={{ status: 'REQUESTED' }}
        showOffer
        empty="No publisher waits for access."
        testId="access-queue"
      />
    </Stack>
  )
}

function Filters({ search, view, set }: { search: OffersSearch; view: OffersView; set: (p: Partial<OffersSearch>, replace?: boolean) => void }) {
  const [q, setQ] = useState(search.q ?? '')
  const [country, setCountry] = useState(search.country ?? '')
  const applyQ = useDebouncedCallback((v: string) => {
    set({ q: v.trim() || undefined }, true)
  }, 300)
  const currencies = useMemo(() => currencyCodes().map((c) => ({ value: c, label: c })), [])
  const filtered = FILTER_KEYS.some((k) => k !== 'status' && search[k] !== undefined)
  return (
    <Box component="section" aria-label="Filters">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Search offers"
          placeholder="Name contains…"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value)
            applyQ(e.currentTarget.value)
          }}
          w={{ base: '100%', xs: 240 }}
          type="search"
        />
        {view.catalog && (
          <Select
            label="Access"
            placeholder="Any"
            clearable
            data={ACCESS_FILTERS.map((a) => ({ value: a, label: accessFilterNames[a] }))}
            value={search.access ?? null}
            onChange={(v) => {
              set({ access: (v) ?? undefined })
            }}
            w={{ base: '100%', xs: 180 }}
          />
        )}
        <Select
          label="Visibility"
          placeholder="Any"
          clearable
          data={OFFER_VISIBILITIES.map((v) => ({ value: v, label: visibilityNames[v] ?? v }))}
          value={search.visibility ?? null}
          onChange={(v) => {
            set({ visibility: (v as OffersSearch['visibility']) ?? undefined })
          }}
          w={{ base: '100%', xs: 180 }}
        />
        <Select
          label="Currency"
          placeholder="Any"
          clearable
          searchable
          data={currencies}
          value={search.currency ?? null}
          onChange={(v) => {
            set({ currency: v ?? undefined })
          }}
          w={{ base: '100%', xs: 120 }}
        />
        <TextInput
          label="Country"
          description="Two letters, e.g. DE"
          placeholder="Any"
          maxLength={2}
          value={country}
          onChange={(e) => {
            const v = e.currentTarget.value.toUpperCase()
            setCountry(v)
            if (v === '' || /^[A-Z]{2}$/.test(v)) set({ country: v || undefined }, true)
          }}
          w={{ base: '100%', xs: 140 }}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setQ('')
              setCountry('')
              set({ q: undefined, visibility: undefined, currency: undefined, country: undefined, access: undefined })
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
    </Box>
  )
}

function StatusTabs({ search, view, set, locale }: { search: OffersSearch; view: OffersView; set: (p: Partial<OffersSearch>) => void; locale: string }) {
  const tab = search.status ?? 'ALL'
  const counts = useGraphQLQuery(offerCountsQuery, {
    all: offerWhere(search, view, null),
    draft: offerWhere(search, view, 'DRAFT'),
    active: offerWhere(search, view, 'ACTIVE'),
    paused: offerWhere(search, view, 'PAUSED'),
    archived: offerWhere(search, view, 'ARCHIVED'),
  })
  const order = view.admin ? (['DRAFT', 'ALL', 'ACTIVE', 'PAUSED', 'ARCHIVED'] as const) : TAB_ORDER
  return (
    <Tabs
      value={tab}
      onChange={(v) => {
        if (v) set({ status: v === 'ALL' ? undefined : (v as OfferStatusName) })
      }}
      keepMounted={false}
    >
      <Tabs.List aria-label="Offers by status">
        {order.map((t) => (
          <Tabs.Tab key={t} value={t} data-testid={`tab-${t}`}>
            {t === 'ALL' ? 'All' : t === 'DRAFT' && view.admin ? 'Drafts to review' : (statusNames[t] ?? t)}{' '}
            <Text span size="sm" c="dimmed" data-testid={`count-${t}`}>
              {counts.data ? formatCount(counts.data[COUNT_KEYS[t]].totalCount, locale) : '…'}
            </Text>
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value={tab} pt="md">
        <OfferList search={search} view={view} locale={locale} />
      </Tabs.Panel>
    </Tabs>
  )
}

function emptyText(view: OffersView, search: OffersSearch): { title: string; text: string; next?: { to: string; label: string } } {
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined)
  if (filtered) {
    if (search.status === 'DRAFT' && view.admin) return { title: 'No drafts to review', text: 'Every advertiser’s offer has been reviewed.' }
    return { title: 'No offers match these filters', text: 'Clear a filter or search for another name.' }
  }
  if (view.catalog) return { title: 'No offers yet', text: 'The network has no offer open to you yet. Check back soon.', next: { to: '/settings', label: 'Complete your profile' } }
  if (view.admin) return { title: 'No offers yet', text: 'Create an offer for an advertiser with “New offer”, or wait for advertisers’ drafts.' }
  return { title: 'No offers yet', text: 'Create your first offer with “New offer”: the admin reviews it and activates it.' }
}

function OfferList({ search, view, locale }: { search: OffersSearch; view: OffersView; locale: string }) {
  const where = useMemo(() => offerWhere(search, view), [search, view])
  const vars = { where, orderBy: offerOrder(view), payout: view.payout, revenue: view.revenue, advertiser: view.advertiser, catalog: view.catalog }
  const q = useInfiniteQuery({
    queryKey: [operationName(offersListQuery), vars],
    queryFn: ({ pageParam, signal }) => request(offersListQuery, { ...vars, first: PAGE, after: pageParam }, { token: session.token(), signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.offers.pageInfo.hasNextPage ? (last.offers.pageInfo.endCursor ?? null) : null),
    placeholderData: keepPreviousData,
  })
  const loaded = useMemo(() => (q.data?.pages ?? []).flatMap((p) => (p.offers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))), [q.data])
  const rows = loaded.filter((o) => acceptsCountry(o.allowedCountries, search.country))
  const total = q.data?.pages[0]?.offers.totalCount ?? 0
  const [asking, setAsking] = useState<OfferRow | null>(null)

  if (q.isError) return <ErrorState title="Could not load the offers" error={q.error} onRetry={() => void q.refetch()} />
  if (!q.data) {
    return (
      <Stack gap={6} aria-busy="true" aria-label="Loading the offers">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} h={36} />
        ))}
      </Stack>
    )
  }
  if (rows.length === 0 && !q.hasNextPage) {
    const e = emptyText(view, search)
    return <EmptyState title={e.title} text={e.text} next={e.next} />
  }
  return (
    <Stack gap="sm">
      <Text size="sm" aria-live="polite" data-testid="offers-total">
        {search.country
          ? `${formatCount(rows.length, locale)} of ${formatCount(loaded.length, locale)} loaded ${loaded.length === 1 ? 'offer takes' : 'offers take'} traffic from ${search.country}`
          : `${formatCount(total, locale)} ${total === 1 ? 'offer' : 'offers'}`}
      </Text>
      <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Offers, scrolls sideways">
        <Table striped miw={view.catalog ? 960 : view.admin ? 1100 : 960} data-testid="offers-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Offer</Table.Th>
              {view.advertiser && <Table.Th scope="col">Advertiser</Table.Th>}
              {view.statusFilter && <Table.Th scope="col">Status</Table.Th>}
              <Table.Th scope="col">{view.catalog ? 'Your rate' : view.admin ? 'Goals: payout · revenue' : 'Goals: your price'}</Table.Th>
              <Table.Th scope="col">Currency</Table.Th>
              <Table.Th scope="col">Countries</Table.Th>
              <Table.Th scope="col">Hold</Table.Th>
              <Table.Th scope="col">{view.catalog ? 'Access' : 'Visibility'}</Table.Th>
              {view.catalog && <Table.Th scope="col">Next step</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => {
              const state = accessState(o.visibility, o.myAccess)
              return (
                <Table.Tr key={o.id} data-testid="offer-row" data-id={o.id} data-status={o.status}>
                  <Table.Td className={classes.offer}>
                    <AnchorLink to="/offers/$offerId" params={{ offerId: o.id }} fw={600} size="sm">
                      {o.name}
                    </AnchorLink>
                    {o.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {o.description}
                      </Text>
                    )}
                  </Table.Td>
                  {view.advertiser && (
                    <Table.Td>
                      <Text size="sm">{personName(o.advertiser)}</Text>
                    </Table.Td>
                  )}
                  {view.statusFilter && (
                    <Table.Td>
                      <StatusBadge status={o.status} />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <GoalsSummary goals={o.goals} currency={o.currency} locale={locale} payout={view.payout} revenue={view.revenue} />
                  </Table.Td>
                  <Table.Td>{o.currency}</Table.Td>
                  <Table.Td className={classes.text}>
                    <Text size="sm">{countriesText(o.allowedCountries)}</Text>
                  </Table.Td>
                  <Table.Td className={tables.nowrap}>
                    <Text size="sm">{o.hold ? 'Held' : 'No hold'}</Text>
                    {o.autoApproveDays ? (
                      <Text size="xs" c="dimmed">
                        auto-approve {o.autoApproveDays} d
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td className={tables.nowrap}>
                    {view.catalog ? <AccessBadge state={state} /> : <Text size="sm">{visibilityNames[o.visibility] ?? o.visibility}</Text>}
                    {view.catalog && state === 'REJECTED' && o.myAccess?.reason && (
                      <Text size="xs" c="dimmed" className={classes.text} style={{ whiteSpace: 'normal' }}>
                        {o.myAccess.reason}
                      </Text>
                    )}
                  </Table.Td>
                  {view.catalog && (
                    <Table.Td className={tables.nowrap}>
                      {mayRun(o.viewerCan) ? (
                        <FlowLink offerId={o.id} name={o.name} />
                      ) : mayRequest(o.viewerCan) ? (
                        <Button
                          size="xs"
                          variant={state === 'REJECTED' ? 'default' : 'filled'}
                          aria-label={`${state === 'REJECTED' ? 'Ask again for access to' : 'Request access to'} ${o.name}`}
                          onClick={() => {
                            setAsking(o)
                          }}
                        >
                          {state === 'REJECTED' ? 'Ask again' : 'Request access'}
                        </Button>
                      ) : state === 'REQUESTED' ? (
                        <Text size="sm" c="dimmed">
                          Waiting for the admin
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {o.status === 'ACTIVE' ? '—' : `${statusNames[o.status] ?? o.status}: no new flows`}
                        </Text>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Box>
      {q.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={q.isFetchingNextPage}
            onClick={() => {
              void q.fetchNextPage()
            }}
          >
            Load more offers
          </Button>
        </Group>
      )}
      {asking && (
        <RequestAccessModal
          offer={asking}
          again={accessState(asking.visibility, asking.myAccess) === 'REJECTED'}
          onClose={() => {
            setAsking(null)
          }}
        />
      )}
    </Stack>
  )
}
