import { Badge, Box, Button, Group, Table, Text, UnstyledButton } from '@mantine/core'
import type { UserRowFragment } from '../../gql/graphql'
import { EMPTY } from '../../format/money'
import { displayName, formatDate } from './format'
import { ROLE_NAMES, STATUS_COLORS, STATUS_NAMES, statusActions, type StatusChange } from './filters'
import classes from './Users.module.css'
import tables from '../../components/tables.module.css'

interface UsersTableProps {
  rows: readonly UserRowFragment[]
  viewerId: string
  locale: string
  timeZone: string
  caption: string
  onOpen: (id: string) => void
  onStatus: (user: UserRowFragment, change: StatusChange) => void
  testId?: string
}

/** UsersTable lists users in a real <table>: who, role, status, trusted, since when, and the status actions. */
export function UsersTable({ rows, viewerId, locale, timeZone, caption, onOpen, onStatus, testId = 'users-table' }: UsersTableProps) {
  return (
    <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label={`${caption}, scrolls sideways`}>
      <Table striped highlightOnHover miw={820} verticalSpacing="xs" data-testid={testId}>
        <Table.Caption className={tables.srOnly}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">User</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Trusted</Table.Th>
            <Table.Th scope="col">Signed up</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((u) => (
            <Table.Tr key={u.id} data-testid="user-row" data-id={u.id} data-email={u.email} data-status={u.status}>
              <Table.Td>
                <UnstyledButton
                  className={classes.nameButton}
                  onClick={() => {
                    onOpen(u.id)
                  }}
                  aria-haspopup="dialog"
                  aria-label={`${displayName(u)}, details`}
                >
                  {displayName(u)}
                </UnstyledButton>
                {u.name.trim() !== '' && (
                  <Text size="xs" c="dimmed" className={classes.email}>
                    {u.email}
                  </Text>
                )}
                {u.id === viewerId && (
                  <Text size="xs" c="dimmed">
                    (you)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{ROLE_NAMES[u.role]}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLORS[u.status]} variant="filled" radius="sm" miw="max-content" data-testid="user-status">
                  {STATUS_NAMES[u.status]}
                </Badge>
              </Table.Td>
              <Table.Td data-testid="user-trusted">{u.role === 'PUBLISHER' ? (u.trusted ? 'Trusted' : 'No') : EMPTY}</Table.Td>
              <Table.Td className={tables.nowrap}>{formatDate(u.createdAt, locale, timeZone)}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {statusActions(u, viewerId).map((change) => (
                    <Button
                      key={change.to}
                      size="compact-sm"
                      variant={change.to === 'BLOCKED' ? 'default' : 'light'}
                      onClick={() => {
                        onStatus(u, change)
                      }}
                      aria-label={`${change.label} ${u.email}`}
                    >
                      {change.label}
                    </Button>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  )
}
