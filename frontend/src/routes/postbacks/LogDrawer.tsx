import { Alert, Badge, Code, Drawer, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import type { PostbackLogRowFragment } from '../../gql/graphql'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { ErrorState } from '../../components/StatusViews'
import { STATUS_NAMES, formatTime, orEmpty } from '../conversions/format'
import { postbackLogQuery } from './operations'
import { PARAMETER_LABELS, REFUSALS, RESULT_COLORS, RESULT_MEANINGS, RESULT_NAMES, httpName, parseParams, rawQuery } from './protocol'
import classes from './Postbacks.module.css'

interface LogDrawerProps {
  /** id is the open row, null when closed. */
  id: string | null
  /** row is the open row when it is on the current page (else it is read by id). */
  row: PostbackLogRowFragment | null
  admin: boolean
  locale: string
  timeZone: string
  onClose: () => void
}

/** LogDrawer is the side panel of one incoming postback: what came of it, the raw request and the fields as read. */
export function LogDrawer({ id, row, admin, locale, timeZone, onClose }: LogDrawerProps) {
  const byId = useGraphQLQuery(postbackLogQuery, { id: id ?? '', withAdvertiser: admin }, { enabled: id !== null && row === null })
  const node = byId.data?.node
  const entry: PostbackLogRowFragment | null = row ?? (node && 'params' in node ? (node as PostbackLogRowFragment) : null)

  return (
    <Drawer.Root opened={id !== null} onClose={onClose} position="right" size="lg" data-testid="postback-drawer">
      <Drawer.Overlay />
      <Drawer.Content>
        <Drawer.Header role="none">
          <Drawer.Title>
            <Title order={2} size="h4" component="span">
              Postback {id}
            </Title>
          </Drawer.Title>
          <Drawer.CloseButton aria-label="Close the postback’s details" />
        </Drawer.Header>
        <Drawer.Body>
          {byId.isError ? (
            <ErrorState title="Could not load this postback" error={byId.error} onRetry={() => void byId.refetch()} />
          ) : !entry ? (
            byId.isPending ? (
              <Stack gap="sm" aria-busy="true" aria-label="Loading the postback">
                <Skeleton h={20} />
                <Skeleton h={120} />
              </Stack>
            ) : (
              <Text>This postback is not in your log.</Text>
            )
          ) : (
            <LogDetails entry={entry} admin={admin} locale={locale} timeZone={timeZone} />
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  )
}

function LogDetails({ entry, admin, locale, timeZone }: { entry: PostbackLogRowFragment; admin: boolean; locale: string; timeZone: string }) {
  const fields = parseParams(entry.params)
  const query = rawQuery(entry.params)
  const conv = entry.conversion
  return (
    <Stack gap="lg">
      <div>
        <Group gap="xs">
          <Badge color={RESULT_COLORS[entry.result] ?? 'gray.7'} variant="filled" radius="sm" miw="max-content">
            {RESULT_NAMES[entry.result] ?? entry.result}
          </Badge>
          <Text size="sm">HTTP {httpName(entry.httpStatus)}</Text>
        </Group>
        <Text size="sm" mt="xs">
          {RESULT_MEANINGS[entry.result] ?? ''}
        </Text>
      </div>

      <section aria-labelledby="pb-outcome">
        <Title order={3} size="h5" id="pb-outcome" mb="xs">
          What came of it
        </Title>
        {entry.result === 'error' ? (
          <Alert color="red" variant="light" title={REFUSALS[entry.httpStatus] ?? 'Refused.'} data-testid="postback-error">
            {entry.reason ? <Text size="sm">The server answered: “{entry.reason}”.</Text> : null}
            <Text size="sm" mt={4}>
              Nothing changed. Fix the request and send it again.
            </Text>
          </Alert>
        ) : conv ? (
          <Stack gap={4} data-testid="postback-conversion">
            <Text size="sm">
              Conversion {conv.id} — {conv.offer.name}, goal {conv.goal.name} ({conv.goal.code}), now {STATUS_NAMES[conv.status].toLowerCase()}
              {conv.transactionID ? `, transaction ID ${conv.transactionID}` : ''}.
            </Text>
            {entry.reason && <Text size="sm">Reason: {entry.reason}</Text>}
            {conv.click && (
              <AnchorLink to="/conversions" search={{ status: 'ALL', click: conv.click.id }} size="sm">
                Open the conversions of click {conv.click.id}
              </AnchorLink>
            )}
          </Stack>
        ) : (
          <Text size="sm">{entry.reason ?? 'No conversion was created or changed.'}</Text>
        )}
      </section>

      <section aria-labelledby="pb-request">
        <Title order={3} size="h5" id="pb-request" mb="xs">
          The request
        </Title>
        <Table withRowBorders={false} verticalSpacing={4} aria-label="The request">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" w={130} fw={500}>Time</Table.Th>
              <Table.Td>{formatTime(entry.createdAt, locale, timeZone)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row" fw={500}>Method</Table.Th>
              <Table.Td>{entry.method}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row" fw={500}>Caller</Table.Th>
              <Table.Td>{entry.remoteIP}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row" fw={500}>Click ID</Table.Th>
              <Table.Td data-testid="postback-click">
                {entry.clickID ?? (conv ? `not sent (the conversion’s click: ${conv.click?.id ?? 'expired'})` : '—')}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row" fw={500}>Transaction ID</Table.Th>
              <Table.Td data-testid="postback-txn" className={classes.breakAll}>{entry.transactionID ?? '—'}</Table.Td>
            </Table.Tr>
            {admin && (
              <Table.Tr>
                <Table.Th scope="row" fw={500}>Advertiser</Table.Th>
                <Table.Td>{entry.advertiser?.name ?? 'None: the key was wrong'}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <Text size="sm" mt="sm" mb={4}>
          Parameters as received{entry.method === 'POST' ? ' (query and body together)' : ''}; the key is masked:
        </Text>
        <Code block className={classes.codeBlock} data-testid="postback-raw">
          {query === '' ? '(no parameters)' : query}
        </Code>
      </section>

      <section aria-labelledby="pb-fields">
        <Title order={3} size="h5" id="pb-fields" mb="xs">
          Fields as cpanet read them
        </Title>
        {fields.length === 0 ? (
          <Text size="sm" c="dimmed">No parameters.</Text>
        ) : (
          <Table verticalSpacing={4} data-testid="postback-fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Received as</Table.Th>
                <Table.Th scope="col">Read as</Table.Th>
                <Table.Th scope="col">Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((f) => (
                <Table.Tr key={f.received}>
                  <Table.Td>
                    <Code>{f.received}</Code>
                  </Table.Td>
                  <Table.Td>{f.field ? PARAMETER_LABELS[f.field] ?? f.field : <Text span size="sm" c="dimmed">Not a postback field (ignored)</Text>}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{orEmpty(f.value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>
    </Stack>
  )
}
