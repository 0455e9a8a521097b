import { Badge, Box, Button, Drawer, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { ErrorState } from '../../components/StatusViews'
import type { UserDetailQuery, UserRowFragment } from '../../gql/graphql'
import type { ReactNode } from 'react'
import { formatCount, formatMoney } from '../../format/money'
import { ROLE_NAMES, STATUS_COLORS, STATUS_NAMES, statusActions, type StatusChange } from './filters'
import { userDetailQuery } from './operations'
import { PayoutOverrides } from './PayoutOverrides'
import { TrustedSwitch } from './TrustedSwitch'
import { balanceColumns, displayName, formatDate } from './format'
import classes from './Users.module.css'
import tables from '../../components/tables.module.css'

/** UserDetail is the node the side panel reads when it is a user. */
type UserDetail = Extract<NonNullable<UserDetailQuery['node']>, { email: string }>

interface UserDrawerProps {
  id: string | null
  viewerId: string
  locale: string
  timeZone: string
  onClose: () => void
  onStatus: (user: UserRowFragment, change: StatusChange) => void
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table withRowBorders={false} verticalSpacing={4} aria-label="Profile">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" w={120} fw={500}>
              {k}
            </Table.Th>
            <Table.Td className={classes.email}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** UserDrawer is one user's side panel: profile and status, trusted, balances per currency, payout overrides, offers or flows. */
export function UserDrawer({ id, viewerId, locale, timeZone, onClose, onStatus }: UserDrawerProps) {
  const detail = useGraphQLQuery(userDetailQuery, { id: id ?? '' }, { enabled: id !== null })
  const node = detail.data?.node
  const user = node && 'email' in node ? (node as UserDetail) : null
  const columns = user ? balanceColumns(user.role) : null

  return (
    <Drawer.Root opened={id !== null} onClose={onClose} position="right" size="lg" data-testid="user-drawer">
      <Drawer.Overlay />
      <Drawer.Content>
        {/* role="none": Mantine's <header> would be a second banner landmark outside <main>. */}
        <Drawer.Header role="none">
          <Drawer.Title>
            <Title order={2} size="h4" component="span" className={classes.email}>
              {user ? displayName(user) : 'User'}
            </Title>
          </Drawer.Title>
          <Drawer.CloseButton aria-label="Close the user’s details" />
        </Drawer.Header>
        <Drawer.Body>
          {detail.isError ? (
            <ErrorState
              title="Could not load this user"
              error={detail.error}
              onRetry={() => {
                void detail.refetch()
              }}
            />
          ) : !user ? (
            detail.isPending ? (
              <Stack gap="sm" aria-busy="true" aria-label="Loading the user">
                <Skeleton h={20} />
                <Skeleton h={120} />
                <Skeleton h={80} />
              </Stack>
            ) : (
              <Text>This user no longer exists.</Text>
            )
          ) : (
            <Stack gap="lg" data-testid="user-detail" data-id={user.id}>
              <Box component="section" aria-labelledby="user-profile">
                <Title order={3} size="h5" id="user-profile" mb={4}>
                  Profile
                </Title>
                <Facts
                  rows={[
                    ['Email', user.email],
                    ['Name', user.name.trim() === '' ? '—' : user.name],
                    ['Role', ROLE_NAMES[user.role]],
                    [
                      'Status',
                      <Badge key="s" color={STATUS_COLORS[user.status]} variant="filled" radius="sm" miw="max-content" data-testid="detail-status">
                        {STATUS_NAMES[user.status]}
                      </Badge>,
                    ],
                    ['Signed up', formatDate(user.createdAt, locale, timeZone)],
                    ['User ID', user.id],
                  ]}
                />
                <Group gap="sm" mt="xs">
                  {statusActions(user, viewerId).map((change) => (
                    <Button
                      key={change.to}
                      variant={change.to === 'BLOCKED' ? 'default' : 'filled'}
                      onClick={() => {
                        onStatus(user, change)
                      }}
                    >
                      {change.label}
                    </Button>
                  ))}
                  {user.id === viewerId && (
                    <Text size="sm" c="dimmed">
                      This is you: change your own profile in <AnchorLink to="/settings">Settings</AnchorLink>.
                    </Text>
                  )}
                </Group>
              </Box>

              {user.role === 'PUBLISHER' && <TrustedSwitch user={user} />}

              <Box component="section" aria-labelledby="user-balances">
                <Title order={3} size="h5" id="user-balances" mb={4}>
                  Balances
                </Title>
                {!columns ? (
                  <Text size="sm">Admins have no balance.</Text>
                ) : user.balances.length === 0 ? (
                  <Text size="sm" data-testid="no-balances">
                    No money yet: balances appear with the first conversion.
                  </Text>
                ) : (
                  <Table verticalSpacing={4} data-testid="balances-table" aria-label="Balances per currency">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Currency</Table.Th>
                        <Table.Th scope="col" className={tables.numeric}>
                          {columns.credit}
                        </Table.Th>
                        <Table.Th scope="col" className={tables.numeric}>
                          {columns.pending}
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {user.balances.map((b) => (
                        <Table.Tr key={b.currency} data-testid="balance-row" data-currency={b.currency}>
                          <Table.Th scope="row" fw={500}>
                            {b.currency}
                          </Table.Th>
                          <Table.Td className={tables.numeric} data-testid="balance-credit">
                            {formatMoney(b.credit, b.currency, locale)}
                          </Table.Td>
                          <Table.Td className={tables.numeric} data-testid="balance-pending">
                            {formatMoney(b.pendingCredit, b.currency, locale)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                {user.role === 'PUBLISHER' && (
                  <AnchorLink to="/balance" search={{ publisher: user.id }} size="sm" mt={6} display="inline-block">
                    Ledger and withdrawals of {displayName(user)}
                  </AnchorLink>
                )}
              </Box>

              {user.role === 'ADVERTISER' && (
                <Box component="section" aria-labelledby="user-offers">
                  <Title order={3} size="h5" id="user-offers" mb={4}>
                    Offers
                  </Title>
                  <Text size="sm" data-testid="offers-count">
                    {user.offers.totalCount === 0
                      ? 'No offers yet.'
                      : `${formatCount(user.offers.totalCount, locale)} ${user.offers.totalCount === 1 ? 'offer' : 'offers'}.`}{' '}
                    <AnchorLink to="/offers">Go to Offers</AnchorLink>
                  </Text>
                </Box>
              )}

              {user.role === 'PUBLISHER' && (
                <>
                  <Box component="section" aria-labelledby="user-flows">
                    <Title order={3} size="h5" id="user-flows" mb={4}>
                      Flows
                    </Title>
                    <Text size="sm" data-testid="flows-count">
                      {user.flows.totalCount === 0
                        ? 'No tracking links yet.'
                        : `${formatCount(user.flows.totalCount, locale)} ${user.flows.totalCount === 1 ? 'tracking link' : 'tracking links'}.`}{' '}
                      <AnchorLink to="/flows">Go to Flows</AnchorLink>
                    </Text>
                  </Box>
                  <PayoutOverrides publisher={user} overrides={user.payoutOverrides} locale={locale} />
                </>
              )}
            </Stack>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  )
}
