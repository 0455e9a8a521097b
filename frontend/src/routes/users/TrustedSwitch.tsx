import { Alert, Button, Group, Modal, Stack, Switch, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { session } from '../../session/session'
import { setUserTrustedMutation } from './operations'

interface TrustedSwitchProps {
  user: { id: string; email: string; trusted: boolean }
}

/** TRUSTED_HELP says what trusted means (SPEC §1, §3 step 6). */
export const TRUSTED_HELP =
  'A trusted publisher’s conversions skip the hold: when an advertiser reports them approved, they go straight to credit instead of waiting as pending credit for approval.'

/** TrustedSwitch marks a publisher trusted or not; trusting, which lets money skip the hold, is confirmed first. */
export function TrustedSwitch({ user }: TrustedSwitchProps) {
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const m = useMutation({
    mutationFn: (trusted: boolean) => request(setUserTrustedMutation, { id: user.id, trusted }, { token: session.token() }),
    onSuccess: async () => {
      setConfirming(false)
      await queryClient.invalidateQueries()
    },
  })
  return (
    <Stack gap={6}>
      <Switch
        label="Trusted publisher"
        description={TRUSTED_HELP}
        checked={user.trusted}
        disabled={m.isPending}
        onChange={(e) => {
          m.reset()
          if (e.currentTarget.checked) setConfirming(true)
          else m.mutate(false)
        }}
        data-testid="trusted-switch"
      />
      {m.isError && !confirming && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(m.error)}
        </Alert>
      )}
      {confirming && (
        <Modal
          opened
          centered
          onClose={() => {
            setConfirming(false)
          }}
          title={`Trust ${user.email}?`}
          closeButtonProps={{ 'aria-label': 'Close' }}
        >
          <Stack gap="sm">
            <Text size="sm">
              From now on, conversions of {user.email} that advertisers report approved go straight to its credit, even on
              offers with hold on, and it can withdraw them at once. Conversions already pending stay pending.
            </Text>
            {m.isError && (
              <Text size="sm" c="red.8" role="alert">
                {errorMessage(m.error)}
              </Text>
            )}
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setConfirming(false)
                }}
              >
                Cancel
              </Button>
              <Button
                loading={m.isPending}
                onClick={() => {
                  m.mutate(true)
                }}
                data-testid="confirm-trusted"
              >
                Trust this publisher
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  )
}
