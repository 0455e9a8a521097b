import { Alert, Badge, Box, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import { useCallback, useState } from 'react'
import { request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { session } from '../../session/session'
import { seesEveryone } from '../../session/permissions'
import { useViewer } from '../../session/useViewer'
import { DeliveryLog } from './DeliveryLog'
import { formatTime } from './format'
import classes from './Flows.module.css'
import tables from '../../components/tables.module.css'
import { landingShares, linkSearch, subsOf } from './link'
import { LinkBuilder } from './LinkBuilder'
import { trafficbackOf, type Trafficback } from './trafficback'
import { flowQuery, resumePostbacksMutation, sendTestPostbackMutation, updateFlowMutation } from './operations'
import { PostbackForm } from './PostbackForm'
import { flowPostbackInput, formValues, type PostbackFormValues } from './postbackForm'
import { TestResult } from './TestResult'

const route = getRouteApi('/app/flows/$flowId')

/** FlowPage is `/flows/$flowId`: a flow's tracking link builder, landings, postback with "send test" and its delivery log. */
export function FlowPage() {
  const { flowId } = route.useParams()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const viewer = useViewer()
  const locale = useLocale()
  const timezone = useTimezone()
  const queryClient = useQueryClient()
  const q = useGraphQLQuery(flowQuery, { id: flowId })
  const flow = q.data?.node?.__typename === 'Flow' ? q.data.node : null

  const archive = useMutation({
    mutationFn: (archived: boolean) => request(updateFlowMutation, { id: flowId, input: { archived } }, { token: session.token() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['FlowDetail'] })
      await queryClient.invalidateQueries({ queryKey: ['FlowsList'] })
    },
  })

  if (q.isError)
    return (
      <Page title="Flow">
        <ErrorState title="Could not load the flow" error={q.error} onRetry={() => void q.refetch()} />
      </Page>
    )
  if (!q.data)
    return (
      <Page title="Flow">
        <Skeleton height={400} />
      </Page>
    )
  if (!flow)
    return (
      <Page title="Flow not found">
        <EmptyState title="No such flow" text="It does not exist, or it is not yours." next={{ to: '/flows', label: 'Back to the flows' }} />
      </Page>
    )

  const title = flow.name || `Flow ${flow.code}`
  const rotating = flow.landings && flow.landings.length > 0 ? flow.landings : (flow.offer.landings ?? []).filter((l) => l.active)
  const shares = landingShares(rotating)
  return (
    <Page
      title={title}
      actions={
        <Group gap="sm">
          <Badge variant="dot" color={flow.archived ? 'gray' : 'teal'} size="lg" data-testid="flow-state">
            {flow.archived ? 'Archived' : 'Active'}
          </Badge>
          <Button
            variant="default"
            loading={archive.isPending}
            onClick={() => {
              archive.mutate(!flow.archived)
            }}
            data-testid="archive"
          >
            {flow.archived ? 'Restore flow' : 'Archive flow'}
          </Button>
        </Group>
      }
    >
      <Stack gap={4} mt={-12}>
        <AnchorLink to="/flows" size="sm">
          ← All flows
        </AnchorLink>
        <Text size="sm" c="dimmed">
          Offer <b>{flow.offer.name}</b> · code <span className={classes.code}>{flow.code}</span> · created {formatTime(flow.createdAt, timezone, locale)}
          {seesEveryone(viewer.permissions) && flow.publisher ? ` · publisher ${flow.publisher.name || flow.publisher.email}` : ''}
        </Text>
        {flow.archived && (
          <Text size="sm" c="dimmed">
            Archived flows still track their clicks; they are only hidden from the list. Restore it to show it again.
          </Text>
        )}
        {(flow.offer.allowedCountries?.length ?? 0) > 0 && (
          <CountryNotice
            countries={flow.offer.allowedCountries ?? []}
            trafficback={trafficbackOf(flow.trafficbackURL, flow.offer.trafficbackURL, q.data.settings.defaultTrafficbackURL)}
          />
        )}
        {flow.offer.status !== 'ACTIVE' && (
          <Alert color="orange" variant="default" title={`The offer is ${flow.offer.status.toLowerCase()}`} mt="xs">
            Its clicks go to the trafficback URL until the advertiser activates it again.
          </Alert>
        )}
        {archive.isError && (
          <Text size="sm" c="red.8" role="alert">
            {errorMessage(archive.error)}
          </Text>
        )}
      </Stack>

      <LinkBuilder
        trackingURL={flow.trackingURL}
        subs={subsOf(search)}
        onSubs={(subs) => {
          void navigate({ search: (s) => ({ ...s, ...linkSearch(subs) }), replace: true, resetScroll: false })
        }}
      />

      <Box component="section" aria-labelledby="landings-title">
        <Title order={2} size="h3" id="landings-title" mb={4}>
          Landings
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {flow.landings && flow.landings.length > 0
            ? 'This flow rotates between these landings by weight.'
            : rotating.length > 0
              ? 'This flow rotates between all the offer’s active landings by weight.'
              : 'The offer has a single landing page: every visitor goes there.'}
        </Text>
        {rotating.length > 0 && (
          <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Landings, scrolls sideways">
            <Table miw={520} data-testid="flow-landings">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Landing</Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Weight
                  </Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Share of visitors
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rotating.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      {l.name}
                      {!l.active && (
                        <Text size="xs" c="dimmed">
                          inactive: takes no traffic
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className={tables.numeric}>{l.weight}</Table.Td>
                    <Table.Td className={tables.numeric}>{shares[l.id] ?? 0} %</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </Box>

      <FlowPostback
        flow={flow}
        hasDefault={Boolean(flow.publisher?.defaultPostbackURL)}
        locale={locale}
        timezone={timezone}
      />

      <DeliveryLog
        flowId={flow.id}
        outcome={search.outcome}
        onOutcome={(outcome) => {
          void navigate({ search: (s) => ({ ...s, outcome }), replace: true, resetScroll: false })
        }}
        locale={locale}
        timezone={timezone}
      />
    </Page>
  )
}

interface FlowPostbackProps {
  flow: {
    id: string
    postbackURL?: string | null
    postbackMethod: string
    postbackStatuses?: readonly string[] | null
    postbackGoals?: readonly string[] | null
    postbackFailures: number
    postbackPausedAt?: string | null
    offer: { goals?: readonly { code: string; name: string }[] | null }
  }
  hasDefault: boolean
  locale: string
  timezone: string
}

function FlowPostback({ flow, hasDefault, locale, timezone }: FlowPostbackProps) {
  const queryClient = useQueryClient()
  const [dirty, setDirty] = useState(false)
  const onDirty = useCallback((d: boolean) => {
    setDirty(d)
  }, [])
  const save = async (v: PostbackFormValues) => {
    await request(updateFlowMutation, { id: flow.id, input: flowPostbackInput(v) }, { token: session.token() })
    test.reset()
    await queryClient.invalidateQueries({ queryKey: ['FlowDetail'] })
    await queryClient.invalidateQueries({ queryKey: ['FlowsList'] })
  }
  const test = useMutation({
    mutationFn: () => request(sendTestPostbackMutation, { flowID: flow.id }, { token: session.token() }),
  })
  const resume = useMutation({
    mutationFn: () => request(resumePostbacksMutation, { flowID: flow.id }, { token: session.token() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['FlowDetail'] }),
  })
  const canTest = Boolean(flow.postbackURL) || hasDefault

  return (
    <Box component="section" aria-labelledby="postback-title">
      <Title order={2} size="h3" id="postback-title" mb={4}>
        Postback
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        cpanet calls your tracker when a conversion of this flow is created and when its status changes.{' '}
        {flow.postbackURL ? '' : hasDefault ? 'Without a URL here, your default postback URL is used.' : 'Without a URL here and no default, nothing is sent.'}
      </Text>
      {flow.postbackPausedAt && (
        <Alert color="red" variant="light" title="Postbacks to this URL are paused" mb="sm" data-testid="flow-paused">
          <Text size="sm">
            Since {formatTime(flow.postbackPausedAt, timezone, locale)}, after {flow.postbackFailures} failed calls in a row. Calls wait until you resume: fix your tracker, send a test, then resume.
          </Text>
          <Group mt="xs" gap="sm">
            <Button size="xs" color="red.9" loading={resume.isPending} onClick={() => { resume.mutate() }} data-testid="resume">
              Resume postbacks
            </Button>
            {resume.isError && (
              <Text size="sm" role="alert">
                {errorMessage(resume.error)}
              </Text>
            )}
          </Group>
        </Alert>
      )}
      {resume.isSuccess && (
        <Text size="sm" c="teal.9" role="status" mb="sm">
          Resumed: {resume.data.resumePostbacks} waiting {resume.data.resumePostbacks === 1 ? 'call is' : 'calls are'} sent again.
        </Text>
      )}
      <PostbackForm
        id="flow-postback"
        initial={formValues({ url: flow.postbackURL, method: flow.postbackMethod, statuses: flow.postbackStatuses, goals: flow.postbackGoals })}
        goals={flow.offer.goals ?? []}
        emptyHelp={hasDefault ? 'Empty: your default postback URL.' : 'Empty: none.'}
        onSave={save}
        onDirty={onDirty}
      >
        <Button
          variant="default"
          disabled={dirty || !canTest}
          loading={test.isPending}
          onClick={() => {
            test.mutate()
          }}
          data-testid="send-test"
        >
          Send test
        </Button>
      </PostbackForm>
      <Text size="xs" c="dimmed" mt={6}>
        {dirty ? 'Save first: a test calls the saved URL.' : canTest ? 'A test calls the saved URL once with sample values (status=approved, click_id=test-click…), signed like a real call. Nothing is queued.' : 'Set a URL to send a test.'}
      </Text>
      <Box mt="sm" aria-live="polite">
        {test.isError && (
          <Alert color="red" variant="light" role="alert" title="Could not send the test">
            {errorMessage(test.error)}
          </Alert>
        )}
        {test.data && <TestResult result={test.data.sendTestPostback} />}
      </Box>
    </Box>
  )
}

/** CountryNotice tells the publisher where visitors from countries the offer does not take go. */
function CountryNotice({ countries, trafficback }: { countries: readonly string[]; trafficback: Trafficback }) {
  const whose = { flow: 'this flow’s', offer: 'the offer’s', network: 'the network’s default', none: '' }[trafficback.by]
  return (
    <Alert
      color={trafficback.by === 'none' ? 'orange' : 'blue'}
      variant="default"
      title={`The offer takes visitors from ${countries.join(', ')} only`}
      mt="xs"
      data-testid="country-notice"
    >
      {trafficback.by === 'none' ? (
        <Text size="sm">
          Visitors from other countries get a “404 Not Found” page: neither this flow, the offer nor the network has a trafficback URL. They
          are still counted as clicks. Ask the network’s admin for a trafficback URL, or send only this offer’s countries here.
        </Text>
      ) : (
        <Text size="sm">
          Visitors from other countries go to {whose} trafficback URL,{' '}
          <span className={classes.code} style={{ overflowWrap: 'anywhere' }}>
            {trafficback.url}
          </span>
          , and are counted as clicks.
        </Text>
      )}
    </Alert>
  )
}
