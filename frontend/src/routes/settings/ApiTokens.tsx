import { zodResolver } from '@hookform/resolvers/zod'
import { Badge, Box, Button, Checkbox, Code, Group, Modal, Paper, Select, Skeleton, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { request } from '../../api/client'
import { operationName, useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import type { ApiTokenWhereInput, SettingsApiTokensQuery } from '../../gql/graphql'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { session } from '../../session/session'
import { formatShortTime } from '../conversions/format'
import { actionError, EXPIRIES, expiresAt, tokenError, tokenSchema, type TokenValues } from './forms'
import { apiTokensQuery, createAPITokenMutation, revokeAPITokenMutation } from './operations'
import { SecretField } from './SecretField'
import classes from './Settings.module.css'
import forms from '../../components/forms.module.css'
import tables from '../../components/tables.module.css'
import { curlExample, TOKEN_STATE_NAMES, tokenState, type TokenState } from './tokens'

type Token = NonNullable<NonNullable<NonNullable<SettingsApiTokensQuery['apiTokens']['edges']>[number]>['node']>

/** TOKENS_SHOWN is how many tokens the list shows (the newest). */
const TOKENS_SHOWN = 100

const STATE_COLORS: Record<TokenState, string> = { active: 'teal.9', expired: 'gray.8', revoked: 'red.9' }

interface ApiTokensProps {
  viewerId: string
  showRevoked: boolean
  onShowRevoked: (show: boolean) => void
}

/**
 * ApiTokens lets the viewer create API tokens for scripts (the secret shown once), see when each
 * was used, and revoke them. The admin's `apiTokens` holds everyone's: the list asks for the
 * viewer's own.
 */
export function ApiTokens({ viewerId, showRevoked, onShowRevoked }: ApiTokensProps) {
  const origin = typeof window === 'undefined' ? '' : window.location.origin
  return (
    <Stack gap="xl">
      <Box component="section" aria-labelledby="tokens-how-title" maw={760}>
        <Title order={2} size="h3" id="tokens-how-title" mb={4}>
          API tokens
        </Title>
        <Text size="sm">
          A token lets a script use the GraphQL API as you, with your rights, without your password. Send it in the{' '}
          <Code>Authorization: Bearer …</Code> header of a POST to <Code>{origin}/graphql</Code>:
        </Text>
        <Code block mt="xs" className={classes.code} data-testid="curl-example">
          {curlExample(origin)}
        </Code>
        <Text size="sm" c="dimmed" mt="xs">
          Treat a token like a password. Revoke it when a script no longer needs it or it may have leaked; it stops working at once.
        </Text>
      </Box>
      <CreateToken />
      <TokenList viewerId={viewerId} showRevoked={showRevoked} onShowRevoked={onShowRevoked} />
    </Stack>
  )
}

function CreateToken() {
  const queryClient = useQueryClient()
  const form = useForm<TokenValues>({ resolver: zodResolver(tokenSchema), defaultValues: { name: '', expiresInDays: '90' } })
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const m = useMutation({
    mutationFn: (v: TokenValues) =>
      request(createAPITokenMutation, { input: { name: v.name, expiresAt: expiresAt(v.expiresInDays) } }, { token: session.token() }),
    onSuccess: async (data) => {
      setCreated({ name: data.createAPIToken.apiToken.name, token: data.createAPIToken.token })
      form.reset({ name: '', expiresInDays: form.getValues('expiresInDays') })
      await queryClient.invalidateQueries({ queryKey: [operationName(apiTokensQuery)] })
    },
    onError: (err) => {
      const e = tokenError(err)
      if (e.field) form.setError(e.field, { message: e.message }, { shouldFocus: true })
      else setFormError(e.message)
    },
  })
  const errors = form.formState.errors
  return (
    <Box component="section" aria-labelledby="token-create-title">
      <Title order={2} size="h4" id="token-create-title" mb="xs">
        Create a token
      </Title>
      <form
        noValidate
        className={forms.form}
        onSubmit={(e) =>
          void form.handleSubmit((v) => {
            setFormError(null)
            m.mutate(v)
          })(e)
        }
      >
        <Group gap="sm" align="start" wrap="wrap" maw={760}>
          <TextInput
            label="Token name"
            description="What uses it, so you know what breaks when you revoke it."
            placeholder="Nightly report"
            autoComplete="off"
            maxLength={100}
            error={errors.name?.message}
            style={{ flex: '1 1 240px' }}
            data-testid="token-name"
            {...form.register('name')}
          />
          <Controller
            control={form.control}
            name="expiresInDays"
            render={({ field }) => (
              <Select
                label="Expires"
                description="It stops working then."
                data={EXPIRIES.map((e) => ({ value: e.value, label: e.label }))}
                value={field.value}
                onChange={(v) => {
                  if (v) field.onChange(v)
                }}
                onBlur={field.onBlur}
                allowDeselect={false}
                error={errors.expiresInDays?.message}
                w={160}
                data-testid="token-expiry"
              />
            )}
          />
        </Group>
        <Group mt="sm">
          <Button type="submit" loading={m.isPending} data-testid="create-token">
            Create token
          </Button>
        </Group>
        {formError && (
          <Text size="sm" c="red.9" role="alert" mt="xs">
            {formError}
          </Text>
        )}
      </form>
      {created && (
        <Modal
          opened
          centered
          size="lg"
          closeOnClickOutside={false}
          closeButtonProps={{ 'aria-label': 'Close' }}
          onClose={() => {
            setCreated(null)
          }}
          title={`Your new token “${created.name}”`}
        >
          <Stack gap="sm" data-testid="new-token-dialog">
            <Paper withBorder p="sm" radius="md" style={{ borderLeft: '4px solid var(--mantine-color-orange-7)' }} role="note">
              <Text size="sm" fw={700}>
                Copy it now: you won’t see it again
              </Text>
              <Text size="sm">
                cpanet keeps only a fingerprint of the token. Once you close this dialog, nobody can show it again — not even the admin. If you lose
                it, revoke it and create a new one.
              </Text>
            </Paper>
            <SecretField label="API token" value={created.token} testId="new-token" />
            <Text size="sm">Use it like this:</Text>
            <Code block className={classes.code}>
              {curlExample(window.location.origin, created.token)}
            </Code>
            <Group justify="flex-end">
              <Button
                onClick={() => {
                  setCreated(null)
                }}
                data-testid="token-done"
              >
                I have copied it
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Box>
  )
}

function TokenList({ viewerId, showRevoked, onShowRevoked }: ApiTokensProps) {
  const locale = useLocale()
  const timezone = useTimezone()
  const where: ApiTokenWhereInput = { hasUserWith: [{ id: viewerId }], ...(showRevoked ? {} : { revokedAtIsNil: true }) }
  const q = useGraphQLQuery(apiTokensQuery, { where, first: TOKENS_SHOWN })
  const [revoking, setRevoking] = useState<Token | null>(null)
  const tokens = q.data?.apiTokens.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const when = (iso: string | null | undefined, none: string) => (iso ? formatShortTime(iso, locale, timezone) : none)

  return (
    <Box component="section" aria-labelledby="token-list-title">
      <Group justify="space-between" align="end" mb="xs" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="token-list-title">
          Your tokens
        </Title>
        <Checkbox
          label="Show revoked tokens"
          checked={showRevoked}
          onChange={(e) => {
            onShowRevoked(e.currentTarget.checked)
          }}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Times in {timezone}. “Last used” is updated at most once a minute.
      </Text>
      {q.isError ? (
        <ErrorState title="Could not load your tokens" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={120} aria-label="Loading your tokens" />
      ) : tokens.length === 0 ? (
        <Text size="sm" data-testid="no-tokens">
          {showRevoked ? 'You have no API tokens yet.' : 'You have no active API tokens.'} Create one above when a script needs to read or change your data.
        </Text>
      ) : (
        <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Your tokens, scrolls sideways">
          <Table striped miw={760} data-testid="token-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Token</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">Last used</Table.Th>
                <Table.Th scope="col">Expires</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.map((t) => {
                const state = tokenState(t)
                return (
                  <Table.Tr key={t.id} data-testid="token-row" data-id={t.id} data-state={state}>
                    <Table.Td className={classes.wrap}>{t.name}</Table.Td>
                    <Table.Td className={tables.nowrap}>
                      <Text span ff="monospace" size="sm">
                        {t.prefix}…
                      </Text>
                    </Table.Td>
                    <Table.Td className={tables.nowrap}>{when(t.createdAt, '—')}</Table.Td>
                    <Table.Td className={tables.nowrap} data-testid="token-last-used">
                      {when(t.lastUsedAt, 'Never')}
                    </Table.Td>
                    <Table.Td className={tables.nowrap}>{when(t.expiresAt, 'Never')}</Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={STATE_COLORS[state]} data-testid="token-state">
                        {state === 'revoked' ? `${TOKEN_STATE_NAMES.revoked} ${when(t.revokedAt, '')}` : TOKEN_STATE_NAMES[state]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {state !== 'revoked' && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Revoke the token ${t.name}`}
                          onClick={() => {
                            setRevoking(t)
                          }}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {q.data && q.data.apiTokens.totalCount > tokens.length && (
        <Text size="sm" c="dimmed" mt="xs">
          Showing the newest {tokens.length} of {q.data.apiTokens.totalCount} tokens.
        </Text>
      )}
      {revoking && (
        <RevokeDialog
          token={revoking}
          onClose={() => {
            setRevoking(null)
          }}
        />
      )}
    </Box>
  )
}

function RevokeDialog({ token, onClose }: { token: Token; onClose: () => void }) {
  const queryClient = useQueryClient()
  const m = useMutation({
    mutationFn: () => request(revokeAPITokenMutation, { id: token.id }, { token: session.token() }),
    onSuccess: async () => {
      onClose()
      await queryClient.invalidateQueries({ queryKey: [operationName(apiTokensQuery)] })
    },
  })
  return (
    <Modal opened centered closeButtonProps={{ 'aria-label': 'Close' }} onClose={onClose} title={`Revoke the token “${token.name}”?`}>
      <Stack gap="sm">
        <Text size="sm">
          Scripts using <Code>{token.prefix}…</Code> are refused from now on. This cannot be undone: to let them in again, create a new token and give it to them.
        </Text>
        {m.isError && (
          <Text size="sm" c="red.9" role="alert">
            {actionError(m.error, 'revoke the token')}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red.8"
            loading={m.isPending}
            onClick={() => {
              m.mutate()
            }}
            data-testid="confirm-revoke"
          >
            Revoke token
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
