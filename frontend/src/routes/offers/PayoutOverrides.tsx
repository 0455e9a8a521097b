import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Box, Button, Group, Modal, SegmentedControl, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { request } from '../../api/client'
import { useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { session } from '../../session/session'
import { formatTime } from '../balance/format'
import { formError, overrideSchema, type OverrideValues } from './forms'
import { personName, ALERT_STYLES } from './labels'
import { formatGoalValue, normalizeDecimal } from './money'
import {
  createPayoutOverrideMutation,
  deletePayoutOverrideMutation,
  payoutOverridesQuery,
  updatePayoutOverrideMutation,
  usersByRoleQuery,
} from './operations'
import forms from '../../components/forms.module.css'
import tables from '../../components/tables.module.css'

interface Override {
  id: string
  payoutType?: string | null
  payout?: string | null
  updatedAt: string
  publisher?: { id: string; email: string; name: string } | null
  goal: { id: string; code: string }
}

/**
 * PayoutOverrides lists an offer's per-publisher payouts (the admin's) and adds, changes and
 * removes them. A publisher with an override sees it as its rate for that goal.
 */
export function PayoutOverrides({ offerId, offerName }: { offerId: string; offerName: string }) {
  const locale = useLocale()
  const timezone = useTimezone()
  const q = useGraphQLQuery(payoutOverridesQuery, { id: offerId })
  const offer = q.data?.node?.__typename === 'Offer' ? q.data.node : null
  const [editing, setEditing] = useState<Override | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Override | null>(null)
  const goals = offer?.goals ?? []
  const rows: Override[] = goals.flatMap((g) => (g.payoutOverrides ?? []).map((o) => ({ ...o, goal: { id: g.id, code: g.code } })))

  return (
    <Box component="section" aria-labelledby="overrides-title">
      <Group justify="space-between" align="center" mb="xs" gap="sm">
        <Title order={2} size="h3" id="overrides-title">
          Per-publisher payouts
        </Title>
        {offer && goals.length > 0 && (
          <Button
            onClick={() => {
              setEditing('new')
            }}
          >
            Add a publisher payout
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        A publisher with its own payout on a goal earns it instead of the goal’s payout, and sees it as its rate.
      </Text>
      {q.isError ? (
        <ErrorState title="Could not load the payouts" error={q.error} onRetry={() => void q.refetch()} />
      ) : !offer ? (
        <Skeleton height={100} />
      ) : goals.length === 0 ? (
        <Text size="sm">Add a goal first: per-publisher payouts are set per goal.</Text>
      ) : rows.length === 0 ? (
        <Text size="sm" data-testid="overrides-empty">
          No publisher has its own payout on this offer: everyone earns the goals’ payouts.
        </Text>
      ) : (
        <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Per-publisher payouts, scrolls sideways">
          <Table striped miw={720} data-testid="overrides">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Publisher</Table.Th>
                <Table.Th scope="col">Goal</Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Goal payout
                </Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Publisher’s payout
                </Table.Th>
                <Table.Th scope="col">Changed</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const g = goals.find((x) => x.id === o.goal.id)
                const who = personName(o.publisher)
                return (
                  <Table.Tr key={o.id} data-testid="override-row" data-id={o.id} data-publisher={o.publisher?.email} data-goal={o.goal.code}>
                    <Table.Td>
                      <Text size="sm">{who}</Text>
                      {o.publisher?.name && (
                        <Text size="xs" c="dimmed">
                          {o.publisher.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{o.goal.code}</Table.Td>
                    <Table.Td className={tables.numeric}>{formatGoalValue(g?.payout, g?.payoutType, offer.currency, locale)}</Table.Td>
                    <Table.Td className={tables.numeric} data-testid="override-payout">
                      {formatGoalValue(o.payout, o.payoutType, offer.currency, locale)}
                    </Table.Td>
                    <Table.Td className={tables.nowrap}>{formatTime(o.updatedAt, timezone, locale)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Edit the payout of ${who} on ${o.goal.code}`}
                          onClick={() => {
                            setEditing(o)
                          }}
                        >
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          aria-label={`Remove the payout of ${who} on ${o.goal.code}`}
                          onClick={() => {
                            setDeleting(o)
                          }}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {offer && editing && (
        <OverrideModal
          offer={{ id: offer.id, name: offerName, currency: offer.currency }}
          goals={goals}
          override={editing === 'new' ? undefined : editing}
          onClose={() => {
            setEditing(null)
          }}
        />
      )}
      {deleting && (
        <DeleteOverrideModal
          override={deleting}
          onClose={() => {
            setDeleting(null)
          }}
        />
      )}
    </Box>
  )
}

function OverrideModal({
  offer,
  goals,
  override,
  onClose,
}: {
  offer: { id: string; name: string; currency: string }
  goals: readonly { id: string; code: string; name: string }[]
  override?: Override
  onClose: () => void
}) {
  const locale = useLocale()
  const queryClient = useQueryClient()
  const publishers = useGraphQLQuery(usersByRoleQuery, { role: 'PUBLISHER' })
  const form = useForm<OverrideValues>({
    resolver: zodResolver(overrideSchema(offer.currency, locale)),
    defaultValues: {
      goalID: override?.goal.id ?? (goals.length === 1 ? (goals[0]?.id ?? '') : ''),
      publisherID: override?.publisher?.id ?? '',
      payoutType: (override?.payoutType as OverrideValues['payoutType'] | undefined) ?? 'FIXED',
      payout: override?.payout ?? '',
    },
  })
  const type = useWatch({ control: form.control, name: 'payoutType' })
  const m = useMutation({
    mutationFn: async (v: OverrideValues) => {
      const token = session.token()
      const payout = normalizeDecimal(v.payout)
      if (override) {
        await request(updatePayoutOverrideMutation, { id: override.id, input: { payoutType: v.payoutType, payout } }, { token })
      } else {
        await request(createPayoutOverrideMutation, { input: { goalID: v.goalID, publisherID: v.publisherID, payoutType: v.payoutType, payout } }, { token })
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
    onError: (err) => {
      const e = formError(err)
      if (e.field === 'payout') form.setError('payout', { message: e.message })
    },
  })
  const errors = form.formState.errors
  const title = override ? `Payout of ${personName(override.publisher)} on ${override.goal.code}` : `Add a publisher payout to ${offer.name}`
  return (
    <Modal opened centered onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        className={forms.form}
        aria-label={title}
        onSubmit={(e) =>
          void form.handleSubmit((v) => {
            m.mutate(v)
          })(e)
        }
      >
        <Stack gap="sm">
          {!override && (
            <>
              <Controller
                control={form.control}
                name="publisherID"
                render={({ field }) => (
                  <Select
                    label="Publisher"
                    searchable
                    data-autofocus
                    placeholder={publishers.isLoading ? 'Loading publishers…' : 'Choose a publisher'}
                    data={(publishers.data?.users.edges ?? []).flatMap((e) =>
                      e?.node ? [{ value: e.node.id, label: e.node.name ? `${e.node.name} (${e.node.email})` : e.node.email }] : [],
                    )}
                    value={field.value || null}
                    onChange={(v) => {
                      field.onChange(v ?? '')
                    }}
                    error={errors.publisherID?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="goalID"
                render={({ field }) => (
                  <Select
                    label="Goal"
                    data={goals.map((g) => ({ value: g.id, label: g.name ? `${g.code} — ${g.name}` : g.code }))}
                    value={field.value || null}
                    onChange={(v) => {
                      field.onChange(v ?? '')
                    }}
                    error={errors.goalID?.message}
                  />
                )}
              />
            </>
          )}
          <Stack gap={4}>
            <Text size="sm" fw={500} id="override-type-label">
              Payout type
            </Text>
            <Controller
              control={form.control}
              name="payoutType"
              render={({ field }) => (
                <SegmentedControl
                  aria-labelledby="override-type-label"
                  size="xs"
                  data={[
                    { value: 'FIXED', label: `Fixed amount (${offer.currency})` },
                    { value: 'PERCENT', label: '% of the amount' },
                  ]}
                  value={field.value}
                  onChange={field.onChange}
                />
              )}
            />
          </Stack>
          <TextInput
            label="Publisher’s payout"
            description={type === 'PERCENT' ? 'A percent from 0 to 100 of the amount the advertiser reports.' : `An amount in ${offer.currency}, up to 1,000,000.00.`}
            inputMode="decimal"
            autoComplete="off"
            error={errors.payout?.message}
            {...form.register('payout')}
          />
          {m.isError && (
            <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="The payout was not saved">
              {formError(m.error).message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={m.isPending}>
              {override ? 'Save payout' : 'Add payout'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function DeleteOverrideModal({ override, onClose }: { override: Override; onClose: () => void }) {
  const queryClient = useQueryClient()
  const m = useMutation({
    mutationFn: () => request(deletePayoutOverrideMutation, { id: override.id }, { token: session.token() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
  })
  const who = personName(override.publisher)
  return (
    <Modal opened centered onClose={onClose} title={`Remove the payout of ${who} on ${override.goal.code}?`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Text size="sm">{who} then earns the goal’s payout on new conversions. Conversions already made keep their payout.</Text>
        {m.isError && (
          <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="Not removed">
            {formError(m.error).message}
          </Alert>
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
          >
            Remove payout
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
