import { Anchor, Box, Group, Text, Title } from '@mantine/core'
import type { UserRowFragment } from '../../gql/graphql'
import { formatCount } from '../../format/money'
import type { StatusChange } from './filters'
import { UsersTable } from './UsersTable'

interface PendingSignupsProps {
  rows: readonly UserRowFragment[]
  total: number
  approvalRequired: boolean
  showingAll: boolean
  viewerId: string
  locale: string
  timeZone: string
  onShowAll: () => void
  onOpen: (id: string) => void
  onStatus: (user: UserRowFragment, change: StatusChange) => void
}

/** PendingSignups puts the sign-ups waiting for the admin first, oldest first, with approve and reject at hand. */
export function PendingSignups({ rows, total, approvalRequired, showingAll, viewerId, locale, timeZone, onShowAll, onOpen, onStatus }: PendingSignupsProps) {
  return (
    <Box component="section" aria-labelledby="pending-title" data-testid="pending-signups">
      <Group justify="space-between" align="baseline" gap="xs" mb={4}>
        <Title order={2} size="h4" id="pending-title">
          Pending approval{' '}
          <Text span c="dimmed" inherit data-testid="pending-count">
            ({formatCount(total, locale)})
          </Text>
        </Title>
        {!showingAll && total > rows.length && (
          <Anchor component="button" type="button" size="sm" onClick={onShowAll}>
            Show all {formatCount(total, locale)}
          </Anchor>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {approvalRequired
          ? 'Publishers who signed up wait for you (the network requires approval in Settings): approve them to let them sign in, or reject them.'
          : 'These sign-ups came while the network required approval. Approve them to let them sign in, or reject them.'}
      </Text>
      <UsersTable
        rows={rows}
        viewerId={viewerId}
        locale={locale}
        timeZone={timeZone}
        caption="Sign-ups waiting for approval, oldest first"
        onOpen={onOpen}
        onStatus={onStatus}
        testId="pending-table"
      />
    </Box>
  )
}
