import { Box, Code, Group, Paper, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useGraphQLQuery } from '../../api/query'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { CopyField } from './CopyField'
import { advertiserGoalsQuery, integrationAdvertisersQuery, integrationViewerQuery } from './operations'
import { PARAMETERS, STATUS_SPELLINGS, examples, keyOf, type GoalInfo } from './protocol'
import { TryItForm } from './TryItForm'
import tables from '../../components/tables.module.css'

interface IntegrationHelperProps {
  admin: boolean
  /** advertiser is the admin's chosen advertiser (URL). */
  advertiser: string | undefined
  onAdvertiser: (id: string | undefined) => void
  locale: string
  timeZone: string
}

/**
 * IntegrationHelper is what an advertiser needs to report conversions: its ready-made postback
 * URL, every parameter explained, copyable examples and a "try it" form. The admin picks the
 * advertiser it helps.
 */
export function IntegrationHelper({ admin, advertiser, onAdvertiser, locale, timeZone }: IntegrationHelperProps) {
  const me = useGraphQLQuery(integrationViewerQuery, {}, { enabled: !admin })
  const advertisers = useGraphQLQuery(integrationAdvertisersQuery, {}, { enabled: admin, staleTime: 300_000 })
  const list = (advertisers.data?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))
  const chosen = admin ? list.find((a) => a.id === advertiser) : undefined
  const postbackURL = admin ? (chosen?.postbackURL ?? null) : (me.data?.me?.postbackURL ?? null)
  const advertiserId = admin ? chosen?.id : me.data?.me?.id
  const source = admin ? advertisers : me

  return (
    <Stack gap="xl">
      {admin && (
        <Select
          label="Advertiser"
          description="The advertiser whose postback URL, examples and test postbacks you see."
          placeholder={advertisers.isPending ? 'Loading…' : 'Pick an advertiser'}
          data={list.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))}
          value={advertiser ?? null}
          onChange={(v) => {
            onAdvertiser(v ?? undefined)
          }}
          searchable
          nothingFoundMessage="No such advertiser"
          maw={480}
        />
      )}
      {source.isError ? (
        <ErrorState title="Could not load the postback URL" error={source.error} onRetry={() => void source.refetch()} />
      ) : source.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading the postback URL">
          <Skeleton h={24} w={240} />
          <Skeleton h={60} />
        </Stack>
      ) : admin && !chosen ? (
        <EmptyState title="Pick an advertiser" text="The helper shows the chosen advertiser’s ready-made postback URL and lets you send a test postback with its key." />
      ) : !postbackURL || !advertiserId ? (
        <EmptyState title="No postback key yet" text="This account has no postback key. An advertiser gets one in Settings (rotate the postback key)." next={{ to: '/settings', label: 'Open Settings' }} />
      ) : (
        <HelperContent postbackURL={postbackURL} advertiserId={advertiserId} admin={admin} locale={locale} timeZone={timeZone} />
      )}
    </Stack>
  )
}

function HelperContent({ postbackURL, advertiserId, admin, locale, timeZone }: { postbackURL: string; advertiserId: string; admin: boolean; locale: string; timeZone: string }) {
  const goalsQ = useGraphQLQuery(advertiserGoalsQuery, { where: admin ? { hasAdvertiserWith: [{ id: advertiserId }] } : {} }, { staleTime: 300_000 })
  const offers = (goalsQ.data?.offers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))
  // The examples use one offer's own goals (a goal code is per offer): the one picked, else the first.
  const [offerId, setOfferId] = useState<string | null>(null)
  const offer = offers.find((o) => o.id === offerId) ?? offers[0]
  const goals: GoalInfo[] = (offer?.goals ?? []).map((g) => ({ code: g.code, name: g.name, kind: g.kind, revenueType: g.revenueType }))
  const key = keyOf(postbackURL) ?? ''

  return (
    <>
      <Box component="section" aria-labelledby="helper-url">
        <Title order={2} size="h3" id="helper-url" mb="xs">
          {admin ? 'The advertiser’s postback URL' : 'Your postback URL'}
        </Title>
        <Text size="sm" mb="sm">
          Give this URL to {admin ? 'the advertiser’s' : 'your'} CRM, tracker or shop. The <Code>{'{…}'}</Code> parts are placeholders for that system to fill
          with its own values when it calls the URL — cpanet does not fill them. Replace each with your system’s macro (Keitaro <Code>{'{subid}'}</Code>, a
          shop’s <Code>[order_id]</Code>…) or drop the parameter. A placeholder left as it is gets a 400 answer.
        </Text>
        <CopyField value={postbackURL} label="the postback URL" testId="postback-url" />
        <Text size="xs" c="dimmed" mt="xs">
          The key in it is secret: whoever has it can report conversions for {admin ? 'this advertiser' : 'you'}. Rotate it in Settings if it leaks.
        </Text>
      </Box>

      <Box component="section" aria-labelledby="helper-params">
        <Title order={2} size="h3" id="helper-params" mb="xs">
          Parameters
        </Title>
        <Text size="sm" mb="sm">
          GET with the fields in the query, or POST as a form or a JSON object (query fields are read too). Names are matched without regard to case; unknown ones are ignored and kept in the log.
        </Text>
        <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Postback parameters, scrolls sideways">
          <Table verticalSpacing="xs" miw={760} data-testid="parameters-table">
            <Table.Caption className={tables.srOnly}>Postback parameters</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Aliases</Table.Th>
                <Table.Th scope="col">Required?</Table.Th>
                <Table.Th scope="col">Meaning</Table.Th>
                <Table.Th scope="col">Example</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {PARAMETERS.map((p) => (
                <Table.Tr key={p.name}>
                  <Table.Th scope="row">
                    <Code>{p.name}</Code>
                  </Table.Th>
                  <Table.Td>
                    {p.aliases.length > 0 ? (
                      <Group gap={4}>
                        {p.aliases.map((a) => (
                          <Code key={a}>{a}</Code>
                        ))}
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td className={tables.nowrap}>{p.required}</Table.Td>
                  <Table.Td>{p.meaning}</Table.Td>
                  <Table.Td>{p.name === 'key' ? <Text span size="sm" c="dimmed">{p.example}</Text> : <Code>{p.example}</Code>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
        <Title order={3} size="h5" mt="md" mb="xs">
          Status spellings
        </Title>
        <Table verticalSpacing={4} maw={640} data-testid="status-spellings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Accepted spellings</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(STATUS_SPELLINGS).map(([status, spellings]) => (
              <Table.Tr key={status}>
                <Table.Th scope="row">{status}</Table.Th>
                <Table.Td>
                  <Group gap={4}>
                    {spellings.map((s) => (
                      <Code key={s}>{s}</Code>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>

      <Box component="section" aria-labelledby="helper-examples">
        <Title order={2} size="h3" id="helper-examples" mb="xs">
          Examples
        </Title>
        <Text size="sm" mb="sm">
          Built from {admin ? 'the advertiser’s' : 'your'} URL and the goals of the offer chosen here: goal codes belong to one offer, and another
          offer’s code is answered 400 “unknown goal”. Always send a transaction ID: later postbacks find the conversion by it, and a repeated one is
          answered “duplicate”.
        </Text>
        {offers.length > 0 && (
          <Select
            label="Offer of the examples"
            data={offers.map((o) => ({ value: o.id, label: `${o.name} (${o.currency})` }))}
            value={offer?.id ?? null}
            onChange={(v) => {
              setOfferId(v)
            }}
            allowDeselect={false}
            searchable
            maw={480}
            mb="sm"
          />
        )}
        {offer && goals.length === 0 && (
          <Text size="sm" mb="sm" data-testid="examples-no-goals">
            {offer.name} has no goals yet, so there is nothing to report for it: its goals are set on its offer page.
          </Text>
        )}
        <Stack gap="md">
          {examples(postbackURL, goals).map((ex) => (
            <Paper key={ex.id} withBorder p="sm" radius="md" data-testid={`example-${ex.id}`}>
              <Title order={3} size="h5">
                {ex.title}
              </Title>
              <Text size="sm" c="dimmed" mb={6}>
                {ex.text}
              </Text>
              <CopyField value={ex.url} label={`the example URL: ${ex.title}`} />
            </Paper>
          ))}
        </Stack>
        <Text size="sm" mt="sm">
          The full protocol, every answer and error is described in cpanet’s documentation, <Code>docs/postback.md</Code>.
        </Text>
      </Box>

      <TryItForm postbackKey={key} advertiserId={advertiserId} admin={admin} offers={offers} locale={locale} timeZone={timeZone} />
    </>
  )
}
