import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import type { UserRowFragment } from '../../gql/graphql'
import { session } from '../../session/session'
import { confirmText, type StatusChange } from './filters'
import { setUserStatusMutation } from './operations'

interface StatusConfirmProps {
  user: UserRowFragment
  change: StatusChange
  onClose: () => void
  onDone: (user: UserRowFragment) => void
}

/** StatusConfirm asks before a user's status changes (approve, reject, suspend, reactivate) and makes the change. */
export function StatusConfirm({ user, change, onClose, onDone }: StatusConfirmProps) {
  const queryClient = useQueryClient()
  const m = useMutation({
    mutationFn: () => request(setUserStatusMutation, { id: user.id, status: change.to }, { token: session.token() }),
    onSuccess: async (data) => {
      onDone(data.updateUser)
      await queryClient.invalidateQueries()
    },
  })
  const text = confirmText(change, user)
  return (
    <Modal opened centered onClose={onClose} title={text.title} closeButtonProps={{ 'aria-label': 'Close' }} data-testid="status-confirm">
      <Stack gap="sm">
        <Text size="sm">{text.body}</Text>
        {m.isError && (
          <Text size="sm" c="red.8" role="alert">
            {errorMessage(m.error)}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={change.to === 'BLOCKED' ? 'red.9' : undefined}
            loading={m.isPending}
            onClick={() => {
              m.mutate()
            }}
            data-testid="confirm-status"
          >
            {change.label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
