import { Alert, Box, Button, Code, Group, Modal, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { request } from '../../api/client'
import { operationName, useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { ErrorState } from '../../components/StatusViews'
import { session } from '../../session/session'
import { actionError } from './forms'
import { postbackKeyQuery, postbackSecretQuery, rotatePostbackKeyMutation, rotatePostbackSecretMutation } from './operations'
import { SecretField } from './SecretField'
import { maskSecret } from './tokens'

/** PostbackKey is the advertiser's postback key and ready-made postback URL, with rotation. */
export function PostbackKey() {
  const q = useGraphQLQuery(postbackKeyQuery, {})
  const me = q.data?.me
  return (
    <Stack gap="lg" maw={820}>
      <div>
        <Title order={2} size="h3" id="postback-key-title">
          Postback key
        </Title>
        <Text size="sm">
          Your server reports conversions to cpanet by calling your postback URL; the key in it says the call is yours. Fill in the placeholders in
          braces with the click ID cpanet put into your landing URL, the goal, status, amount and your order ID. Every parameter is explained on
          the <AnchorLink to="/postbacks">Postbacks</AnchorLink> page.
        </Text>
      </div>
      {q.isError ? (
        <ErrorState title="Could not load your postback key" error={q.error} onRetry={() => void q.refetch()} />
      ) : !me ? (
        <Skeleton height={120} aria-label="Loading your postback key" />
      ) : !me.postbackKey ? (
        <Text size="sm">Your account has no postback key yet. Ask the network’s admin.</Text>
      ) : (
        <>
          <Labeled label="Postback key">
            <SecretField label="postback key" value={me.postbackKey} masked testId="postback-key" />
          </Labeled>
          {me.postbackURL && (
            <Labeled label="Postback URL">
              {/* The URL carries the key: hidden like it, the key masked the same way. */}
              <SecretField
                label="postback URL"
                value={me.postbackURL}
                masked
                hiddenText={me.postbackURL.split(me.postbackKey).join(maskSecret(me.postbackKey))}
                testId="postback-url"
              />
            </Labeled>
          )}
          <Rotate
            what="postback key"
            title="Rotate the postback key?"
            mutate={async () => {
              await request(rotatePostbackKeyMutation, {}, { token: session.token() })
            }}
            queryName={operationName(postbackKeyQuery)}
            warning={
              <>
                <Text size="sm" fw={600}>
                  The current key stops working at once.
                </Text>
                <Text size="sm">
                  Until you put the new postback URL into your system, cpanet refuses your postbacks (HTTP 403) and the conversions they report
                  are not recorded. Rotate when the key may have leaked, and update your system right after.
                </Text>
              </>
            }
            done="A new postback key is in place; the old one no longer works. Put the new postback URL into your system now."
            testId="rotate-key"
          />
        </>
      )}
    </Stack>
  )
}

/** PostbackSecret is the publisher's postback signing secret, masked, with rotation. */
export function PostbackSecret() {
  const q = useGraphQLQuery(postbackSecretQuery, {})
  const me = q.data?.me
  return (
    <Stack gap="lg" maw={820}>
      <div>
        <Title order={2} size="h3" id="postback-secret-title">
          Postback secret
        </Title>
        <Text size="sm">
          cpanet signs every postback it sends to your tracker with this secret, so your tracker can tell a real call from a forged one.
        </Text>
      </div>
      {q.isError ? (
        <ErrorState title="Could not load your postback secret" error={q.error} onRetry={() => void q.refetch()} />
      ) : !me?.postbackSecret ? (
        <Skeleton height={80} aria-label="Loading your postback secret" />
      ) : (
        <>
          <Labeled label="Signing secret">
            <SecretField label="postback secret" value={me.postbackSecret} masked testId="postback-secret" />
          </Labeled>
          <Box>
            <Text size="sm" fw={600}>
              How to check a call
            </Text>
            <Text size="sm">
              Each call carries <Code>X-Cpanet-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</Code>. Compute HMAC-SHA256 keyed with this secret
              over <Code>t + &quot;.&quot; + payload</Code> — the payload is the raw query string (after <Code>?</Code>) for GET and the raw body
              for POST — and compare it with <Code>v1</Code> in constant time; refuse a <Code>t</Code> older than 5 minutes. Examples in Go and
              PHP are in <Code>docs/publisher-postbacks.md</Code>.
            </Text>
          </Box>
          <Rotate
            what="postback secret"
            title="Rotate the postback secret?"
            mutate={async () => {
              await request(rotatePostbackSecretMutation, {}, { token: session.token() })
            }}
            queryName={operationName(postbackSecretQuery)}
            warning={
              <>
                <Text size="sm" fw={600}>
                  Calls are signed with the new secret from now on.
                </Text>
                <Text size="sm">Until your tracker checks with the new secret, it will refuse cpanet’s postbacks as forged.</Text>
              </>
            }
            done="A new postback secret is in place. Put it into your tracker now."
            testId="rotate-secret"
          />
        </>
      )}
    </Stack>
  )
}

function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      {children}
    </Box>
  )
}

interface RotateProps {
  what: string
  title: string
  warning: ReactNode
  done: string
  mutate: () => Promise<void>
  queryName: string
  testId: string
}

/** Rotate is a rotate button with its confirmation dialog and the outcome. */
function Rotate({ what, title, warning, done, mutate, queryName, testId }: RotateProps) {
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const [rotated, setRotated] = useState(false)
  const m = useMutation({
    mutationFn: mutate,
    onSuccess: async () => {
      setConfirming(false)
      setRotated(true)
      await queryClient.invalidateQueries({ queryKey: [queryName] })
    },
  })
  return (
    <Box>
      <Button
        variant="default"
        onClick={() => {
          m.reset()
          setRotated(false)
          setConfirming(true)
        }}
        data-testid={testId}
      >
        Rotate the {what}…
      </Button>
      {rotated && (
        <Alert color="green" variant="default" role="status" title="Rotated" mt="sm" data-testid={`${testId}-done`}>
          {done}
        </Alert>
      )}
      {confirming && (
        <Modal
          opened
          centered
          closeButtonProps={{ 'aria-label': 'Close' }}
          onClose={() => {
            setConfirming(false)
          }}
          title={title}
        >
          <Stack gap="sm">
            {warning}
            {m.isError && (
              <Text size="sm" c="red.9" role="alert">
                {actionError(m.error, `rotate the ${what}`)}
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
                color="red.8"
                loading={m.isPending}
                onClick={() => {
                  m.mutate()
                }}
                data-testid={`${testId}-confirm`}
              >
                Rotate now
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Box>
  )
}
