import { Badge, Drawer, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import { cancelReasonLabel } from './bulk'
import { STATUS_COLORS, STATUS_NAMES, formatTime, orEmpty } from './format'
import { conversionDetailQuery } from './operations'
import type { ConversionsView } from './rules'
import classes from './Conversions.module.css'

interface ConversionDrawerProps {
  id: string | null
  view: ConversionsView
  locale: string
  timeZone: string
  onClose: () => void
}

const ACTORS = { SYSTEM: 'The system (auto-approve)', POSTBACK: 'The advertiser’s postback', USER: 'A person' } as const

function Facts({ label, rows }: { label: string; rows: [string, string | null | undefined][] }) {
  return (
    <Table withRowBorders={false} verticalSpacing={4} aria-label={label}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" w={130} fw={500}>
              {k}
            </Table.Th>
            <Table.Td style={{ wordBreak: 'break-word' }}>{orEmpty(v)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** ConversionDrawer is the side panel of one conversion: the click behind it, its history, the contact. */
export function ConversionDrawer({ id, view, locale, timeZone, onClose }: ConversionDrawerProps) {
  const detail = useGraphQLQuery(conversionDetailQuery, { id: id ?? '', withContact: view.contact }, { enabled: id !== null })
  const node = detail.data?.node
  const conversion = node && 'events' in node ? node : null

  return (
    <Drawer.Root opened={id !== null} onClose={onClose} position="right" size="md" data-testid="conversion-drawer">
      <Drawer.Overlay />
      <Drawer.Content>
        {/* role="none": Mantine's <header> would be a second banner landmark outside <main>. */}
        <Drawer.Header role="none">
          <Drawer.Title>
            <Title order={2} size="h4" component="span">
              Conversion {id}
            </Title>
          </Drawer.Title>
          <Drawer.CloseButton aria-label="Close the conversion’s details" />
        </Drawer.Header>
        <Drawer.Body>
          {detail.isError ? (
            <ErrorState
              title="Could not load this conversion"
              error={detail.error}
              onRetry={() => {
                void detail.refetch()
              }}
            />
          ) : !conversion ? (
            detail.isPending ? (
              <Stack gap="sm" aria-busy="true" aria-label="Loading the conversion">
                <Skeleton h={20} />
                <Skeleton h={120} />
                <Skeleton h={80} />
              </Stack>
            ) : (
              <Text>This conversion no longer exists or is not yours to see.</Text>
            )
          ) : (
            <Stack gap="lg">
              <Group gap="xs">
                <Badge color={STATUS_COLORS[conversion.status]} variant="filled" radius="sm" miw="max-content">
                  {STATUS_NAMES[conversion.status]}
                </Badge>
              </Group>

              <section aria-labelledby="drawer-history">
                <Title order={3} size="h5" id="drawer-history" mb="xs">
                  Status history
                </Title>
                <ol className={classes.history} data-testid="conversion-history">
                  {(conversion.events ?? []).map((e) => (
                    <li key={e.id}>
                      <Text size="sm" fw={600}>
                        {e.fromStatus ? `${STATUS_NAMES[e.fromStatus]} → ` : 'Created as '}
                        {STATUS_NAMES[e.toStatus]}
                        {e.cancelReason ? ` (${cancelReasonLabel(e.cancelReason) ?? ''})` : ''}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {formatTime(e.createdAt, locale, timeZone)} · {e.user ? e.user.name : ACTORS[e.actor]}
                      </Text>
                      {e.comment && (
                        <Text size="sm" mb="xs">
                          “{e.comment}”
                        </Text>
                      )}
                    </li>
                  ))}
                </ol>
              </section>

              <section aria-labelledby="drawer-click">
                <Title order={3} size="h5" id="drawer-click" mb="xs">
                  The click
                </Title>
                {conversion.click ? (
                  <Facts
                    label="The click behind this conversion"
                    rows={[
                      ['Click ID', conversion.click.id],
                      ['Time', formatTime(conversion.click.createdAt, locale, timeZone)],
                      ['Country', conversion.click.country],
                      ['Device', [conversion.click.device, conversion.click.os, conversion.click.browser].filter(Boolean).join(' · ')],
                      ['Site', conversion.click.site],
                      ['Referrer', conversion.click.referrer],
                      ['sub1', conversion.click.sub1],
                      ['sub2', conversion.click.sub2],
                      ['sub3', conversion.click.sub3],
                      ['sub4', conversion.click.sub4],
                      ['sub5', conversion.click.sub5],
                    ]}
                  />
                ) : (
                  <Text size="sm" c="dimmed" data-testid="conversion-click-expired">
                    The click is no longer kept: clicks expire after the network’s click retention. The
                    conversion, its money and its statistics are kept.
                  </Text>
                )}
              </section>

              {view.contact && (
                <section aria-labelledby="drawer-contact" data-testid="conversion-contact">
                  <Title order={3} size="h5" id="drawer-contact" mb="xs">
                    Visitor’s contact
                  </Title>
                  {conversion.contact ? (
                    <Facts
                      label="The visitor’s contact details"
                      rows={[
                        ['Name', conversion.contact.name],
                        ['Email', conversion.contact.email],
                        ['Phone', conversion.contact.phone],
                        ['Country', conversion.contact.country],
                      ]}
                    />
                  ) : (
                    <Text size="sm" c="dimmed">
                      The advertiser sent no contact details with this conversion.
                    </Text>
                  )}
                </section>
              )}
            </Stack>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  )
}
