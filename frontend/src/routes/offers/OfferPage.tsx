import { Alert, Badge, Box, Button, Group, Modal, Paper, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { useState, type ReactNode } from 'react'
import { request } from '../../api/client'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { Page } from '../../components/Page'
import { ErrorState } from '../../components/StatusViews'
import type { OfferDetailQuery } from '../../gql/graphql'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { session } from '../../session/session'
import { useViewer } from '../../session/useViewer'
import { formatTime } from '../balance/format'
import { AccessRequests, GrantAccess } from './AccessRequests'
import { formError } from './forms'
import { GoalFormModal, type EditableGoal } from './GoalForm'
import { countriesText, kindHints, kindNames, personName, statusNames, visibilityHints, visibilityNames, ALERT_STYLES } from './labels'
import { LandingFormModal, type EditableLanding } from './LandingForm'
import { formatGoalValue, isZero, marginOf, type GoalPrices } from './money'
import { formatMoney, formatPercent } from '../../format/money'
import { offerDetailQuery, updateOfferMutation } from './operations'
import { OfferForm } from './OfferForm'
import { AccessBadge, FlowLink, StatusBadge } from './parts'
import { PayoutOverrides } from './PayoutOverrides'
import { RequestAccessModal } from './RequestAccess'
import { accessState, goalRights, mayRequest, mayRun, offersView, offerTabs, statusActions, type OffersView, type StatusAction } from './rules'
import type { OfferTab } from './search'
import classes from './Offers.module.css'
import tables from '../../components/tables.module.css'

const route = getRouteApi('/app/offers/$offerId')

type Offer = Extract<NonNullable<OfferDetailQuery['node']>, { __typename: 'Offer' }>

const TAB_NAMES: Record<OfferTab, string> = {
  overview: 'Overview',
  goals: 'Goals',
  landings: 'Landings',
  payouts: 'Publisher payouts',
  access: 'Access requests',
}

/** OfferPage is `/offers/:id`: one offer's overview, goals, landings and, for the admin, payouts and access. */
export function OfferPage() {
  const viewer = useViewer()
  const view = offersView(viewer.permissions)
  const { offerId } = route.useParams()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const q = useGraphQLQuery(offerDetailQuery, { id: offerId, payout: view.payout, revenue: view.revenue, advertiser: view.advertiser, catalog: view.catalog })
  const offer = q.data?.node?.__typename === 'Offer' ? (q.data.node) : null
  const tabs = offerTabs(view)
  const tab: OfferTab = search.tab && tabs.includes(search.tab) ? search.tab : 'overview'

  const back = (
    <AnchorLink to="/offers" size="sm">
      ← All offers
    </AnchorLink>
  )
  if (q.isError) {
    return (
      <Page title="Offer">
        {back}
        <ErrorState title="Could not load this offer" error={q.error} onRetry={() => void q.refetch()} />
      </Page>
    )
  }
  if (!q.data) {
    return (
      <Page title="Offer">
        {back}
        <Stack gap="sm" aria-busy="true" aria-label="Loading the offer">
          <Skeleton h={32} w="60%" />
          <Skeleton h={160} />
        </Stack>
      </Page>
    )
  }
  if (!offer) {
    return (
      <Page title="Offer not found">
        <Text>There is no offer with this id, or your account may not see it.</Text>
        {back}
      </Page>
    )
  }
  return (
    <Page title={offer.name}>
      <Stack gap="xs" mt={-12}>
        {back}
        <Header offer={offer} view={view} />
      </Stack>
      <Tabs
        value={tab}
        onChange={(v) => {
          if (v) void navigate({ search: { tab: v === 'overview' ? undefined : (v as OfferTab) }, replace: true, resetScroll: false })
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Offer sections">
          {tabs.map((t) => (
            <Tabs.Tab key={t} value={t} data-testid={`offer-tab-${t}`}>
              {TAB_NAMES[t]}
              {t === 'goals' ? ` (${String(offer.goals?.length ?? 0)})` : t === 'landings' ? ` (${String(offer.landings?.length ?? 0)})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview offer={offer} view={view} />
        </Tabs.Panel>
        <Tabs.Panel value="goals" pt="md">
          <Goals offer={offer} view={view} />
        </Tabs.Panel>
        <Tabs.Panel value="landings" pt="md">
          <Landings offer={offer} view={view} />
        </Tabs.Panel>
        {view.admin && (
          <Tabs.Panel value="payouts" pt="md">
            <PayoutOverrides offerId={offer.id} offerName={offer.name} />
          </Tabs.Panel>
        )}
        {view.admin && (
          <Tabs.Panel value="access" pt="md">
            <Stack gap="xl">
              {offer.visibility === 'PUBLIC' && (
                <Text size="sm" c="dimmed">
                  This offer is public: every publisher may run it without asking. Requests below are from when it was not.
                </Text>
              )}
              <AccessRequests
                title="Publishers’ access"
                titleId="offer-access-title"
                where={{ hasOfferWith: [{ id: offer.id }] }}
                showOffer={false}
                empty="No publisher has asked for this offer or been granted it."
                testId="offer-access"
              />
              {offer.visibility !== 'PUBLIC' && <GrantAccess offer={offer} />}
            </Stack>
          </Tabs.Panel>
        )}
      </Tabs>
    </Page>
  )
}

/** Header sums the offer up and holds what the viewer may do with it as a whole. */
function Header({ offer, view }: { offer: Offer; view: OffersView }) {
  const [changing, setChanging] = useState<StatusAction | null>(null)
  const [asking, setAsking] = useState(false)
  const actions = statusActions(offer.viewerCan, offer.status)
  const state = accessState(offer.visibility, offer.myAccess)
  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        {view.statusFilter && <StatusBadge status={offer.status} />}
        <Badge variant="outline" color="gray">
          {visibilityNames[offer.visibility] ?? offer.visibility}
        </Badge>
        <Badge variant="outline" color="gray">
          {offer.currency}
        </Badge>
        {view.advertiser && offer.advertiser && (
          <Text size="sm" c="dimmed">
            by {personName(offer.advertiser)}
          </Text>
        )}
      </Group>
      {offer.status === 'DRAFT' && view.creates && !view.admin && (
        <Alert styles={ALERT_STYLES} color="yellow" variant="light" title="Draft: waiting for the admin" data-testid="draft-banner">
          Add the goals with your price per action. The network’s admin reviews the offer, sets what publishers earn and activates it.
        </Alert>
      )}
      {offer.status === 'DRAFT' && view.admin && (
        <Alert styles={ALERT_STYLES} color="yellow" variant="light" title="Draft to review" data-testid="draft-banner">
          Check the offer, set each goal’s payout on the Goals tab, then activate it.
        </Alert>
      )}
      {actions.length > 0 && (
        <Group gap="sm" wrap="wrap">
          {actions.map((a) => (
            <Button
              key={a.to}
              variant={a.to === 'ACTIVE' ? 'filled' : 'default'}
              onClick={() => {
                setChanging(a)
              }}
              aria-label={`${a.label} ${offer.name}`}
            >
              {a.label}
            </Button>
          ))}
        </Group>
      )}
      {view.catalog && (
        <Paper withBorder p="sm" radius="md" data-testid="my-access">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Group gap="sm" wrap="wrap">
              <AccessBadge state={state} />
              <Text size="sm">{accessSentence(state, offer.status)}</Text>
            </Group>
            {mayRun(offer.viewerCan) ? (
              <FlowLink offerId={offer.id} name={offer.name} />
            ) : mayRequest(offer.viewerCan) ? (
              <Button
                size="sm"
                aria-label={`${state === 'REJECTED' ? 'Ask again for access to' : 'Request access to'} ${offer.name}`}
                onClick={() => {
                  setAsking(true)
                }}
              >
                {state === 'REJECTED' ? 'Ask again' : 'Request access'}
              </Button>
            ) : null}
          </Group>
          {offer.myAccess?.reason && (
            <Text size="sm" mt="xs" data-testid="access-reason">
              The admin: “{offer.myAccess.reason}”
            </Text>
          )}
          {offer.myAccess?.message && state === 'REQUESTED' && (
            <Text size="sm" c="dimmed" mt="xs">
              Your message: “{offer.myAccess.message}”
            </Text>
          )}
        </Paper>
      )}
      {changing && (
        <StatusModal
          offer={offer}
          action={changing}
          onClose={() => {
            setChanging(null)
          }}
        />
      )}
      {asking && (
        <RequestAccessModal
          offer={offer}
          again={state === 'REJECTED'}
          onClose={() => {
            setAsking(false)
          }}
        />
      )}
    </Stack>
  )
}

function accessSentence(state: ReturnType<typeof accessState>, status: string): string {
  const running = status === 'ACTIVE' ? '' : ` The offer is ${(statusNames[status] ?? status).toLowerCase()}: no new flows for now.`
  switch (state) {
    case 'OPEN':
      return `Open to every publisher: create a flow and send traffic.${running}`
    case 'APPROVED':
      return `Your access is approved: create a flow and send traffic.${running}`
    case 'REQUESTED':
      return 'You asked for access; the admin has not decided yet.'
    case 'REJECTED':
      return 'Your request was rejected. You may ask again.'
    case 'NEEDS_REQUEST':
      return 'This offer needs the admin’s approval: tell it about your traffic.'
    case 'INVITE_ONLY':
      return 'Private: the admin opens it to selected publishers.'
  }
}

/** StatusModal confirms a change of the offer's status; activating a draft warns about goals without payout. */
function StatusModal({ offer, action, onClose }: { offer: Offer; action: StatusAction; onClose: () => void }) {
  const queryClient = useQueryClient()
  const m = useMutation({
    mutationFn: () => request(updateOfferMutation, { id: offer.id, input: { status: action.to } }, { token: session.token() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
  })
  const goals = offer.goals ?? []
  const unpaid = action.to === 'ACTIVE' ? goals.filter((g) => g.payoutType !== undefined && isZero(g.payout)) : []
  // The admin sees both prices (the query asks for them by role): a goal that loses money is named.
  const losing = action.to === 'ACTIVE' ? goals.filter((g) => marginOf(g)?.negative) : []
  return (
    <Modal opened centered onClose={onClose} title={`${action.label} ${offer.name}?`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Text size="sm">{action.hint}</Text>
        {action.to === 'ACTIVE' && goals.length === 0 && (
          <Alert styles={ALERT_STYLES} color="orange" variant="light" title="No goals yet">
            The offer has no goal: its conversions cannot be reported. Add a goal first.
          </Alert>
        )}
        {unpaid.length > 0 && (
          <Alert styles={ALERT_STYLES} color="orange" variant="light" title="Payout not set" data-testid="unpaid-goals">
            {unpaid.map((g) => g.code).join(', ')} {unpaid.length === 1 ? 'pays' : 'pay'} publishers nothing. Set the payout on the Goals tab first
            unless that is meant.
          </Alert>
        )}
        {losing.length > 0 && (
          <Alert styles={ALERT_STYLES} color="orange" variant="light" title="Payout above the revenue" data-testid="losing-goals">
            {losing.map((g) => g.code).join(', ')} {losing.length === 1 ? 'pays' : 'pay'} publishers more than the advertiser pays: each
            conversion costs the network money. Fix the prices on the Goals tab first unless that is meant.
          </Alert>
        )}
        {m.isError && (
          <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="The status did not change">
            {formError(m.error).message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={m.isPending}
            onClick={() => {
              m.mutate()
            }}
            data-testid="confirm-status"
          >
            {action.label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function Overview({ offer, view }: { offer: Offer; view: OffersView }) {
  const locale = useLocale()
  const timezone = useTimezone()
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState(false)
  if (editing) {
    return (
      <Box component="section" aria-labelledby="edit-title" maw={760}>
        <Title order={2} size="h3" id="edit-title" mb="sm">
          Edit the offer
        </Title>
        <OfferForm
          offer={offer}
          admin={view.admin}
          onCancel={() => {
            setEditing(false)
          }}
          onSaved={() => {
            setEditing(false)
            void queryClient.invalidateQueries()
          }}
        />
      </Box>
    )
  }
  const facts: [string, ReactNode][] = [
    ['Status', statusNames[offer.status] ?? offer.status],
    ['Visibility', `${visibilityNames[offer.visibility] ?? offer.visibility}. ${visibilityHints[offer.visibility] ?? ''}`],
    ['Currency', offer.currency],
    ['Countries', countriesText(offer.allowedCountries)],
    ['Hold', offer.hold ? 'On: conversions of untrusted publishers wait as pending credit until approved' : 'Off: approved conversions are credited at once'],
    ['Auto-approve', offer.autoApproveDays ? `Pending conversions are approved after ${String(offer.autoApproveDays)} days` : 'Never: the advertiser or the admin decides'],
    ['Conversions per click', offer.multipleConversions ? 'Several of the same goal' : 'One per goal'],
    ['Landing URL', <code key="l">{offer.landingURL}</code>],
    ['Trafficback URL', offer.trafficbackURL ? <code key="t">{offer.trafficbackURL}</code> : 'The network’s default'],
  ]
  if (view.advertiser) facts.push(['Advertiser', offer.advertiser ? `${personName(offer.advertiser)} (${offer.advertiser.email})` : '—'])
  facts.push(['Created', formatTime(offer.createdAt, timezone, locale)], ['Changed', formatTime(offer.updatedAt, timezone, locale)])
  return (
    <Stack gap="lg">
      <Box component="section" aria-labelledby="about-title">
        <Group justify="space-between" mb="xs" gap="sm">
          <Title order={2} size="h3" id="about-title">
            About the offer
          </Title>
          {view.edits && (
            <Button
              variant="default"
              onClick={() => {
                setEditing(true)
              }}
            >
              Edit offer
            </Button>
          )}
        </Group>
        <dl className={classes.facts} data-testid="offer-facts">
          {facts.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </Box>
      <Box component="section" aria-labelledby="terms-title">
        <Title order={2} size="h3" id="terms-title" mb="xs">
          Description and terms
        </Title>
        {offer.description ? (
          <Text size="sm" className={classes.description}>
            {offer.description}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No description yet.
          </Text>
        )}
      </Box>
      <GoalsTable offer={offer} view={view} />
    </Stack>
  )
}

function GoalsTable({ offer, view, onEdit }: { offer: Offer; view: OffersView; onEdit?: (g: EditableGoal) => void }) {
  const editable = onEdit !== undefined
  const locale = useLocale()
  const goals = offer.goals ?? []
  return (
    <Box component="section" aria-labelledby="goals-title">
      <Title order={2} size="h3" id="goals-title" mb="xs">
        Goals
      </Title>
      {goals.length === 0 ? (
        <Text size="sm" data-testid="goals-empty">
          {goalRights(offer.viewerCan).add ? 'No goals yet: add the actions this offer pays for.' : 'No goals yet.'}
        </Text>
      ) : (
        <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Goals, scrolls sideways">
          <Table striped miw={640} data-testid="goals-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Code</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                {view.payout && (
                  <Table.Th scope="col" className={tables.numeric}>
                    {view.catalog ? 'Your rate' : 'Payout'}
                  </Table.Th>
                )}
                {view.revenue && (
                  <Table.Th scope="col" className={tables.numeric}>
                    {view.admin ? 'Revenue' : 'Your price'}
                  </Table.Th>
                )}
                {view.admin && (
                  <Table.Th scope="col" className={tables.numeric}>
                    Margin
                  </Table.Th>
                )}
                {editable && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {goals.map((g) => (
                <Table.Tr key={g.id} data-testid="goal-row" data-code={g.code}>
                  <Table.Td>
                    <code>{g.code}</code>
                    {g.isDefault && (
                      <Text span size="xs" c="dimmed" ml={6}>
                        default
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{g.name || '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" title={kindHints[g.kind]}>
                      {kindNames[g.kind] ?? g.kind}
                    </Text>
                  </Table.Td>
                  {view.payout && (
                    <Table.Td className={tables.numeric} data-testid="goal-payout">
                      {formatGoalValue(g.payout, g.payoutType, offer.currency, locale)}
                      {g.payoutType === 'PERCENT' && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          of the amount
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  {view.revenue && (
                    <Table.Td className={tables.numeric} data-testid="goal-revenue">
                      {formatGoalValue(g.revenue, g.revenueType, offer.currency, locale)}
                      {g.revenueType === 'PERCENT' && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          of the amount
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  {view.admin && (
                    <Table.Td className={tables.numeric} data-testid="goal-margin">
                      <GoalMargin goal={g} currency={offer.currency} locale={locale} />
                    </Table.Td>
                  )}
                  {editable && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Edit goal ${g.code}`}
                        onClick={() => {
                          onEdit(g)
                        }}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Box>
  )
}

function Goals({ offer, view }: { offer: Offer; view: OffersView }) {
  const rights = goalRights(offer.viewerCan)
  const [editing, setEditing] = useState<EditableGoal | 'new' | null>(null)
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {view.catalog
            ? 'What you earn per conversion of each goal, in the offer’s currency or as a percent of the amount the advertiser reports.'
            : view.admin
              ? 'The payout is what publishers earn; the revenue is what the advertiser pays. Per-publisher payouts are on their own tab.'
              : offer.status === 'DRAFT'
                ? 'Your price per action. The admin sets what publishers earn when it activates the offer.'
                : 'The offer is no longer a draft: you may rename goals; only the admin changes prices or adds goals now.'}
        </Text>
        {rights.add && (
          <Button
            onClick={() => {
              setEditing('new')
            }}
          >
            Add goal
          </Button>
        )}
      </Group>
      <GoalsTable offer={offer} view={view} onEdit={rights.edit ? setEditing : undefined} />
      {editing && (
        <GoalFormModal
          offer={offer}
          goal={editing === 'new' ? undefined : editing}
          rights={rights}
          onClose={() => {
            setEditing(null)
          }}
        />
      )}
    </Stack>
  )
}

function Landings({ offer, view }: { offer: Offer; view: OffersView }) {
  const [editing, setEditing] = useState<EditableLanding | 'new' | null>(null)
  const landings = offer.landings ?? []
  return (
    <Box component="section" aria-labelledby="landings-title">
      <Group justify="space-between" mb="xs" gap="sm">
        <Title order={2} size="h3" id="landings-title">
          Landings
        </Title>
        {view.edits && (
          <Button
            onClick={() => {
              setEditing('new')
            }}
          >
            Add landing
          </Button>
        )}
      </Group>
      {landings.length === 0 ? (
        <Text size="sm" data-testid="landings-empty">
          No landings: clicks go to the offer’s landing URL, <code style={{ overflowWrap: 'anywhere' }}>{offer.landingURL}</code>.
        </Text>
      ) : (
        <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Landings, scrolls sideways">
          <Table striped miw={720} data-testid="landings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">URL</Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Weight
                </Table.Th>
                <Table.Th scope="col">State</Table.Th>
                {view.edits && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {landings.map((l) => (
                <Table.Tr key={l.id} data-testid="landing-row">
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td className={classes.text}>
                    <code>{l.url}</code>
                  </Table.Td>
                  <Table.Td className={tables.numeric}>{l.weight}</Table.Td>
                  <Table.Td>{l.active ? 'Active' : 'Inactive'}</Table.Td>
                  {view.edits && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Edit landing ${l.name}`}
                        onClick={() => {
                          setEditing(l)
                        }}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {editing && (
        <LandingFormModal
          offer={offer}
          landing={editing === 'new' ? undefined : editing}
          onClose={() => {
            setEditing(null)
          }}
        />
      )}
    </Box>
  )
}

/** GoalMargin is a goal's revenue − payout for the admin; a loss is marked in words and bold. */
function GoalMargin({ goal, currency, locale }: { goal: GoalPrices; currency: string; locale: string }) {
  const margin = marginOf(goal)
  if (!margin) return <Text span size="sm" c="dimmed">{goal.payoutType && goal.revenueType ? 'varies' : '—'}</Text>
  const text = margin.type === 'PERCENT' ? formatPercent(margin.value, locale) : formatMoney(margin.value, currency, locale)
  return margin.negative ? (
    <Text span size="sm" fw={700}>
      {text} (loss)
    </Text>
  ) : (
    <>{text}</>
  )
}
