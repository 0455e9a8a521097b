import { Alert, Box, Button, Group, Modal, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { session } from '../../session/session'
import { CopyField } from './CopyField'
import { formatTime } from './format'
import { postbackProfileQuery, resumePostbacksMutation, rotatePostbackSecretMutation, updateDefaultPostbackMutation } from './operations'
import { PostbackForm } from './PostbackForm'
import { formValues, profilePostbackInput, type PostbackFormValues } from './postbackForm'

/**
 * DefaultPostback is the publisher's default postback (for flows without their own URL) and its
 * signing secret: shown masked, revealed on demand, copied, rotated after a confirmation.
 */
export function DefaultPostback() {
  const queryClient = useQueryClient()
  const locale = useLocale()
  const timezone = useTimezone()
  const q = useGraphQLQuery(postbackProfileQuery, {})
  const me = q.data?.me
  const save = async (v: PostbackFormValues) => {
    await request(updateDefaultPostbackMutation, { input: profilePostbackInput(v) }, { token: session.token() })
    await queryClient.invalidateQueries({ queryKey: ['PostbackProfile'] })
    await queryClient.invalidateQueries({ queryKey: ['FlowsContext'] })
  }
  const resume = useMutation({
    mutationFn: () => request(resumePostbacksMutation, { flowID: null }, { token: session.token() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['PostbackProfile'] }),
  })

  if (q.isError) return <ErrorState title="Could not load your postback settings" error={q.error} onRetry={() => void q.refetch()} />
  if (!me) return <Skeleton height={300} />
  return (
    <Stack gap="xl">
      <Box component="section" aria-labelledby="default-title">
        <Title order={2} size="h3" id="default-title" mb={4}>
          Default postback
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          cpanet calls this URL for the conversions of every flow that has no postback URL of its own. Test it from a flow without one (its page has “Send test”).
        </Text>
        {me.defaultPostbackPausedAt && (
          <Alert color="red" variant="light" title="Your default postback is paused" mb="sm" data-testid="default-paused">
            <Text size="sm">
              Since {formatTime(me.defaultPostbackPausedAt, timezone, locale)}, after {me.defaultPostbackFailures} failed calls in a row. Calls wait until you resume; fix your tracker first.
            </Text>
            <Group mt="xs" gap="sm">
              <Button size="xs" color="red.9" loading={resume.isPending} onClick={() => { resume.mutate() }}>
                Resume postbacks
              </Button>
              {resume.isError && <Text size="sm" role="alert">{errorMessage(resume.error)}</Text>}
            </Group>
          </Alert>
        )}
        {resume.isSuccess && (
          <Text size="sm" c="teal.9" role="status" mb="sm">
            Resumed: {resume.data.resumePostbacks} waiting {resume.data.resumePostbacks === 1 ? 'call is' : 'calls are'} sent again.
          </Text>
        )}
        <PostbackForm
          id="default-postback"
          initial={formValues({ url: me.defaultPostbackURL, method: me.defaultPostbackMethod, statuses: me.defaultPostbackStatuses, goals: me.defaultPostbackGoals })}
          emptyHelp="Empty: no default."
          onSave={save}
        />
      </Box>
      <SigningSecret secret={me.postbackSecret ?? null} />
    </Stack>
  )
}

function SigningSecret({ secret }: { secret: string | null }) {
  const queryClient = useQueryClient()
  const [revealed, setRevealed] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const rotate = useMutation({
    mutationFn: () => request(rotatePostbackSecretMutation, {}, { token: session.token() }),
    onSuccess: async () => {
      setConfirming(false)
      setRevealed(true)
      await queryClient.invalidateQueries({ queryKey: ['PostbackProfile'] })
    },
  })
  return (
    <Box component="section" aria-labelledby="secret-title">
      <Title order={2} size="h3" id="secret-title" mb={4}>
        Signing secret
      </Title>
      <Text size="sm" c="dimmed" mb="sm" maw={720}>
        Every postback carries <code>X-Cpanet-Signature: t=…,v1=…</code>, an HMAC-SHA256 of <code>t + &quot;.&quot; + payload</code> keyed with this secret. Check it in your tracker to know a call comes from cpanet.
      </Text>
      {secret === null ? (
        <Text size="sm">No secret yet: it is created with your first postback.</Text>
      ) : (
        <Stack gap="xs" maw={640}>
          <CopyField label="Postback secret" value={secret} masked={!revealed} copyLabel="Copy the postback secret" testId="secret" />
          <Group gap="sm">
            <Button
              variant="default"
              size="xs"
              aria-pressed={revealed}
              onClick={() => {
                setRevealed((r) => !r)
              }}
            >
              {revealed ? 'Hide secret' : 'Reveal secret'}
            </Button>
            <Button
              variant="default"
              size="xs"
              color="red"
              onClick={() => {
                rotate.reset()
                setConfirming(true)
              }}
            >
              Rotate secret…
            </Button>
          </Group>
          {rotate.isSuccess && (
            <Text size="sm" c="teal.9" role="status" data-testid="secret-rotated">
              New secret in use: update it in your tracker now.
            </Text>
          )}
        </Stack>
      )}
      {confirming && (
        <Modal opened centered onClose={() => { setConfirming(false) }} title="Rotate the signing secret?" closeButtonProps={{ 'aria-label': 'Close' }}>
          <Stack gap="sm">
            <Text size="sm">
              The current secret stops at once: calls are signed with the new one from now on. Your tracker refuses them until you paste the new secret into it.
            </Text>
            {rotate.isError && (
              <Text size="sm" c="red.8" role="alert">
                {errorMessage(rotate.error)}
              </Text>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => { setConfirming(false) }}>
                Cancel
              </Button>
              <Button color="red.9" loading={rotate.isPending} onClick={() => { rotate.mutate() }} data-testid="confirm-rotate">
                Rotate secret
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Box>
  )
}
