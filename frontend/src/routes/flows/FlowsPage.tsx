import { Badge, Box, Button, Checkbox, Group, Select, Skeleton, Stack, Table, Tabs, Text, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { keepPreviousData } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { useState } from 'react'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { formatCount } from '../../format/money'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { seesEveryone } from '../../session/permissions'
import { useViewer } from '../../session/useViewer'
import { CreateFlowModal } from './CreateFlowModal'
import { DefaultPostback } from './DefaultPostback'
import { formatTime } from './format'
import classes from './Flows.module.css'
import tables from '../../components/tables.module.css'
import { flowsContextQuery, flowsQuery } from './operations'
import { FLOW_STATES, flowWhere, type FlowsSearch, type FlowState } from './search'

const route = getRouteApi('/app/flows')

const stateNames: Record<FlowState, string> = { active: 'Active', archived: 'Archived', all: 'All' }

/** FlowsPage is `/flows`: the publisher's flows (every publisher's for the admin), creating one, and the default postback. */
export function FlowsPage() {
  const viewer = useViewer()
  // admin: every publisher's flows, with whose they are; creating flows is a publisher's.
  const admin = seesEveryone(viewer.permissions)
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const set = (patch: Partial<FlowsSearch>, replace = false) => {
    void navigate({ search: (s) => ({ ...s, ...patch }), replace, resetScroll: false })
  }
  const tab = admin ? 'flows' : (search.tab ?? 'flows')
  const creating = !admin && (search.create === true || search.offerId !== undefined)

  return (
    <Page
      title="Flows"
      actions={
        !admin && (
          <Button
            onClick={() => {
              set({ create: true, tab: undefined })
            }}
            data-testid="new-flow"
          >
            Create a flow
          </Button>
        )
      }
    >
      <Text size="sm" c="dimmed" mt={-12}>
        {admin
          ? 'Every publisher’s tracking links: which offer each promotes, and whether its postbacks get through.'
          : 'Your tracking links: one flow per offer and traffic source. Open a flow to build its link and set its postback.'}
      </Text>
      {admin ? (
        <FlowsList admin search={search} set={set} />
      ) : (
        <Tabs
          value={tab}
          onChange={(v) => {
            set({ tab: v === 'postback' ? 'postback' : undefined })
          }}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="flows">Flows</Tabs.Tab>
            <Tabs.Tab value="postback">Default postback & secret</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="flows" pt="md">
            <FlowsList admin={false} search={search} set={set} />
          </Tabs.Panel>
          <Tabs.Panel value="postback" pt="md">
            <DefaultPostback />
          </Tabs.Panel>
        </Tabs>
      )}
      {creating && (
        <CreateFlowModal
          offerId={search.offerId}
          onClose={() => {
            set({ offerId: undefined, create: undefined })
          }}
          onCreated={(id) => {
            void navigate({ to: '/flows/$flowId', params: { flowId: id }, search: {} })
          }}
        />
      )}
    </Page>
  )
}

interface FlowsListProps {
  admin: boolean
  search: FlowsSearch
  set: (patch: Partial<FlowsSearch>, replace?: boolean) => void
}

function FlowsList({ admin, search, set }: FlowsListProps) {
  const locale = useLocale()
  const timezone = useTimezone()
  const [first, setFirst] = useState(50)
  const ctx = useGraphQLQuery(flowsContextQuery, { admin })
  const q = useGraphQLQuery(flowsQuery, { where: flowWhere(search, admin), first, withPublisher: admin }, { placeholderData: keepPreviousData })
  const rows = q.data?.flows.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const total = q.data?.flows.totalCount ?? 0
  const offers = ctx.data?.offers.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const publishers = ctx.data?.users?.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const defaultURL = ctx.data?.me?.defaultPostbackURL
  const [text, setText] = useState(search.q ?? '')
  const setQ = useDebouncedCallback((v: string) => {
    set({ q: v.trim() || undefined }, true)
  }, 300)
  const filtered = [search.q, search.offer, search.publisher, search.paused].some(Boolean) || (search.state !== undefined && search.state !== 'active')

  return (
    <Stack gap="sm">
      <Group gap="sm" align="end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or code"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value)
            setQ(e.currentTarget.value)
          }}
          w={200}
        />
        <Select
          label="Offer"
          placeholder="All offers"
          clearable
          searchable
          data={offers.map((o) => ({ value: o.id, label: o.name }))}
          value={search.offer ?? null}
          onChange={(v) => {
            set({ offer: v ?? undefined })
          }}
          w={240}
        />
        {admin && (
          <Select
            label="Publisher"
            placeholder="All publishers"
            clearable
            searchable
            data={publishers.map((p) => ({ value: p.id, label: p.name ? `${p.name} (${p.email})` : p.email }))}
            value={search.publisher ?? null}
            onChange={(v) => {
              set({ publisher: v ?? undefined })
            }}
            w={260}
            data-testid="filter-publisher"
          />
        )}
        <Select
          label="State"
          data={FLOW_STATES.map((s) => ({ value: s, label: stateNames[s] }))}
          value={search.state ?? 'active'}
          onChange={(v) => {
            set({ state: v === 'active' || !v ? undefined : v })
          }}
          allowDeselect={false}
          w={130}
        />
        <Checkbox
          label="Paused postbacks only"
          checked={search.paused ?? false}
          onChange={(e) => {
            set({ paused: e.currentTarget.checked || undefined })
          }}
          mb={8}
        />
      </Group>
      {q.isError ? (
        <ErrorState title="Could not load the flows" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={200} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No flow matches" text="Change or clear the filters to see more flows." />
        ) : admin ? (
          <EmptyState title="No flows yet" text="Publishers create flows for the offers they run; they appear here." />
        ) : (
          <EmptyState title="No flows yet" text="Create a flow for an offer to get your tracking link: use “Create a flow” above, or start from an offer." next={{ to: '/offers', label: 'Browse the offers' }} />
        )
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {formatCount(total, locale)} {total === 1 ? 'flow' : 'flows'}
          </Text>
          <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Flows, scrolls sideways">
            <Table striped miw={admin ? 1100 : 900} data-testid="flows-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Flow</Table.Th>
                  <Table.Th scope="col">Offer</Table.Th>
                  {admin && <Table.Th scope="col">Publisher</Table.Th>}
                  <Table.Th scope="col">State</Table.Th>
                  <Table.Th scope="col">Tracking link</Table.Th>
                  <Table.Th scope="col">Postback</Table.Th>
                  <Table.Th scope="col">Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((f) => (
                  <Table.Tr key={f.id} data-testid="flow-row" data-id={f.id} data-code={f.code}>
                    <Table.Td>
                      <AnchorLink to="/flows/$flowId" params={{ flowId: f.id }} fw={600}>
                        {f.name || `Flow ${f.code}`}
                      </AnchorLink>
                      <Text size="xs" c="dimmed" className={classes.code}>
                        {f.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.offer.name}</Text>
                      {f.offer.status !== 'ACTIVE' && (
                        <Text size="xs" c="red.9">
                          Offer {f.offer.status.toLowerCase()}: clicks go to trafficback
                        </Text>
                      )}
                    </Table.Td>
                    {admin && (
                      <Table.Td>
                        {f.publisher ? (
                          <>
                            <Text size="sm">{f.publisher.name || f.publisher.email}</Text>
                            {f.publisher.name && (
                              <Text size="xs" c="dimmed">
                                {f.publisher.email}
                              </Text>
                            )}
                          </>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Badge variant="dot" color={f.archived ? 'gray' : 'teal'}>
                        {f.archived ? 'Archived' : 'Active'}
                      </Badge>
                    </Table.Td>
                    <Table.Td className={classes.url}>{f.trackingURL}</Table.Td>
                    <Table.Td>
                      {f.postbackPausedAt ? (
                        <Badge color="red" variant="light" data-testid="postback-paused">
                          Paused
                        </Badge>
                      ) : f.postbackURL ? (
                        <Text size="sm">Own URL</Text>
                      ) : !admin && defaultURL ? (
                        <Text size="sm">Your default</Text>
                      ) : admin ? (
                        <Text size="sm" c="dimmed">
                          Default or none
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          None
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className={tables.nowrap}>{formatTime(f.createdAt, timezone, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          {q.data.flows.pageInfo.hasNextPage && (
            <Group>
              <Button
                variant="default"
                loading={q.isFetching}
                onClick={() => {
                  setFirst((n) => Math.min(n + 50, 1000))
                }}
              >
                Show more flows
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  )
}
