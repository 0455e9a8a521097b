import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Box, Button, Group, Modal, NativeSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { useGraphQLQuery } from '../../api/query'
import type { PayoutOverrideRowFragment } from '../../gql/graphql'
import { session } from '../../session/session'
import { overrideError, overrideSchema, type OverrideValues } from './forms'
import {
  createPayoutOverrideMutation,
  deletePayoutOverrideMutation,
  overrideOffersQuery,
  updatePayoutOverrideMutation,
} from './operations'
import { AMOUNT_TYPE_NAMES, formatPayout } from './payout'
import forms from '../../components/forms.module.css'
import tables from '../../components/tables.module.css'

interface PayoutOverridesProps {
  publisher: { id: string; email: string }
  overrides: readonly PayoutOverrideRowFragment[]
  locale: string
}

const OFFER_STATUS_NOTE: Record<string, string> = { DRAFT: ' (draft)', PAUSED: ' (paused)', ARCHIVED: ' (archived)' }

/**
 * PayoutOverrides lists a publisher's own payouts on some goals and lets the admin add, change
 * and remove them: pick an offer, then one of its goals, then a fixed amount or a percent.
 */
export function PayoutOverrides({ publisher, overrides, locale }: PayoutOverridesProps) {
  const queryClient = useQueryClient()
  const offers = useGraphQLQuery(overrideOffersQuery, {})
  const offerList = useMemo(() => (offers.data?.offers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])), [offers.data])
  const goals = useMemo(() => new Map(offerList.flatMap((o) => (o.goals ?? []).map((g) => [g.id, { ...g, offer: o }] as const))), [offerList])
  const taken = useMemo(() => new Set(overrides.map((o) => o.goal.id)), [overrides])

  const [editing, setEditing] = useState<PayoutOverrideRowFragment | null>(null)
  const [removing, setRemoving] = useState<PayoutOverrideRowFragment | null>(null)
  const [saved, setSaved] = useState<string | null>(null)

  const schema = useMemo(() => overrideSchema((goalId) => goals.get(goalId)?.offer.currency), [goals])
  const blank: OverrideValues = { offer: '', goal: '', payoutType: 'FIXED', payout: '' }
  const form = useForm<OverrideValues>({ resolver: zodResolver(schema), defaultValues: blank })
  const offerId = useWatch({ control: form.control, name: 'offer' })
  const goalId = useWatch({ control: form.control, name: 'goal' })
  const payoutType = useWatch({ control: form.control, name: 'payoutType' })
  const chosenGoal = goals.get(goalId)
  const chosenOffer = offerList.find((o) => o.id === offerId)

  const refresh = () => queryClient.invalidateQueries()
  const save = useMutation({
    mutationFn: async (v: OverrideValues) => {
      const payout = v.payout.replace(/\s/g, '')
      if (editing) {
        await request(updatePayoutOverrideMutation, { id: editing.id, input: { payoutType: v.payoutType, payout } }, { token: session.token() })
      } else {
        await request(createPayoutOverrideMutation, { input: { goalID: v.goal, publisherID: publisher.id, payoutType: v.payoutType, payout } }, { token: session.token() })
      }
    },
    onSuccess: async (_, v) => {
      const g = goals.get(v.goal)
      setSaved(`${publisher.email} now earns ${formatPayout(v.payoutType, v.payout.replace(/\s/g, ''), g?.offer.currency ?? '', locale)} on ${g ? `${g.offer.name} · ${g.name}` : 'this goal'}.`)
      setEditing(null)
      form.reset(blank)
      await refresh()
    },
    onError: (err) => {
      const e = overrideError(err)
      form.setError(e.field, { type: 'server', message: e.message })
    },
  })
  const remove = useMutation({
    mutationFn: (id: string) => request(deletePayoutOverrideMutation, { id }, { token: session.token() }),
    onSuccess: async () => {
      setRemoving(null)
      setSaved(null)
      await refresh()
    },
  })

  const startEdit = (o: PayoutOverrideRowFragment) => {
    setSaved(null)
    save.reset()
    setEditing(o)
    form.reset({ offer: o.goal.offer.id, goal: o.goal.id, payoutType: o.payoutType ?? 'FIXED', payout: o.payout ?? '' })
  }
  const errors = form.formState.errors
  const currency = chosenGoal?.offer.currency ?? chosenOffer?.currency ?? ''

  return (
    <Box component="section" aria-labelledby="user-overrides">
      <Title order={3} size="h5" id="user-overrides" mb={4}>
        Payout overrides
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        This publisher’s own payout on some goals, instead of the goal’s payout. It applies to conversions recorded from now on; the
        publisher sees it as its rate.
      </Text>
      {overrides.length === 0 ? (
        <Text size="sm" mb="sm" data-testid="no-overrides">
          None yet: the publisher earns each goal’s own payout.
        </Text>
      ) : (
        <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Payout overrides, scrolls sideways" mb="sm">
          <Table verticalSpacing={6} miw={460} data-testid="overrides-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Offer · goal</Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Goal’s payout
                </Table.Th>
                <Table.Th scope="col" className={tables.numeric}>
                  Their payout
                </Table.Th>
                <Table.Th scope="col">
                  <span className={tables.srOnly}>Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overrides.map((o) => {
                const what = `${o.goal.offer.name} · ${o.goal.name}`
                return (
                  <Table.Tr key={o.id} data-testid="override-row" data-id={o.id} aria-current={editing?.id === o.id ? 'true' : undefined}>
                    <Table.Td>
                      <Text size="sm">{o.goal.offer.name}</Text>
                      <Text size="xs" c="dimmed">
                        {o.goal.name} ({o.goal.code})
                      </Text>
                    </Table.Td>
                    <Table.Td className={tables.numeric}>{formatPayout(o.goal.payoutType, o.goal.payout, o.goal.offer.currency, locale)}</Table.Td>
                    <Table.Td className={tables.numeric} fw={600} data-testid="override-payout">
                      {formatPayout(o.payoutType, o.payout, o.goal.offer.currency, locale)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`Edit the payout on ${what}`}
                          onClick={() => {
                            startEdit(o)
                          }}
                        >
                          Edit
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Remove the payout on ${what}`}
                          onClick={() => {
                            remove.reset()
                            setRemoving(o)
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

      {saved && (
        <Alert color="green" variant="default" role="status" mb="sm" data-testid="override-saved">
          {saved}
        </Alert>
      )}

      <form
        noValidate
        className={forms.form}
        aria-labelledby="override-form-title"
        onSubmit={(e) =>
          void form.handleSubmit((v) => {
            setSaved(null)
            save.mutate(v)
          })(e)
        }
      >
        <Stack gap="xs">
          <Text fw={600} size="sm" id="override-form-title">
            {editing ? `Change the payout on ${editing.goal.offer.name} · ${editing.goal.name}` : 'Add a payout override'}
          </Text>
          {offers.isError && (
            <Alert color="red" variant="light" role="alert" title="Could not load the offers">
              {errorMessage(offers.error)}
            </Alert>
          )}
          <Controller
            control={form.control}
            name="offer"
            render={({ field }) => (
              <Select
                label="Offer"
                placeholder={offers.isPending ? 'Loading the offers…' : 'Search an offer'}
                searchable
                nothingFoundMessage="No offer by that name"
                data={offerList.map((o) => ({ value: o.id, label: `${o.name} (${o.currency})${OFFER_STATUS_NOTE[o.status] ?? ''}` }))}
                value={field.value || null}
                onChange={(v) => {
                  field.onChange(v ?? '')
                  form.setValue('goal', '')
                }}
                onBlur={field.onBlur}
                disabled={editing !== null}
                error={errors.offer?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Controller
            control={form.control}
            name="goal"
            render={({ field }) => (
              <Select
                label="Goal"
                placeholder={chosenOffer ? 'Choose a goal' : 'Choose an offer first'}
                data={(chosenOffer?.goals ?? []).map((g) => ({
                  value: g.id,
                  label: `${g.name} (${g.code}) · pays ${formatPayout(g.payoutType, g.payout, chosenOffer?.currency ?? '', locale)}${taken.has(g.id) && g.id !== editing?.goal.id ? ' · has an override' : ''}`,
                  disabled: taken.has(g.id) && g.id !== editing?.goal.id,
                }))}
                value={field.value || null}
                onChange={(v) => {
                  field.onChange(v ?? '')
                }}
                onBlur={field.onBlur}
                disabled={editing !== null || !chosenOffer}
                error={errors.goal?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Group gap="sm" align="start" grow preventGrowOverflow={false} wrap="wrap">
            <NativeSelect
              label="Payout type"
              data={(['FIXED', 'PERCENT'] as const).map((t) => ({ value: t, label: t === 'FIXED' ? `Fixed amount${currency ? ` (${currency})` : ''}` : AMOUNT_TYPE_NAMES.PERCENT }))}
              miw={180}
              {...form.register('payoutType')}
            />
            <TextInput
              label="Payout"
              inputMode="decimal"
              autoComplete="off"
              placeholder={payoutType === 'PERCENT' ? '30' : '12.50'}
              rightSection={<Text size="xs" c="dimmed">{payoutType === 'PERCENT' ? '%' : currency}</Text>}
              rightSectionWidth={44}
              error={errors.payout?.message}
              miw={140}
              data-testid="override-value"
              {...form.register('payout')}
            />
          </Group>
          {chosenGoal && (
            <Text size="xs" c="dimmed">
              The goal pays {formatPayout(chosenGoal.payoutType, chosenGoal.payout, chosenGoal.offer.currency, locale)} to
              other publishers. {payoutType === 'PERCENT' ? 'A percent is of the amount the advertiser reports.' : ''}
            </Text>
          )}
          {errors.root && (
            <Alert color="red" variant="light" role="alert">
              {errors.root.message}
            </Alert>
          )}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {editing ? 'Save payout' : 'Add payout'}
            </Button>
            {editing && (
              <Button
                variant="default"
                onClick={() => {
                  setEditing(null)
                  form.reset(blank)
                }}
              >
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      </form>

      {removing && (
        <Modal
          opened
          centered
          onClose={() => {
            setRemoving(null)
          }}
          title="Remove this payout override?"
          closeButtonProps={{ 'aria-label': 'Close' }}
        >
          <Stack gap="sm">
            <Text size="sm">
              {publisher.email} will earn the goal’s own payout,{' '}
              {formatPayout(removing.goal.payoutType, removing.goal.payout, removing.goal.offer.currency, locale)}, on {removing.goal.offer.name} ·{' '}
              {removing.goal.name} for conversions recorded from now on. Conversions already recorded keep their payout.
            </Text>
            {remove.isError && (
              <Text size="sm" c="red.8" role="alert">
                {errorMessage(remove.error)}
              </Text>
            )}
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setRemoving(null)
                }}
              >
                Cancel
              </Button>
              <Button
                color="red.9"
                loading={remove.isPending}
                onClick={() => {
                  remove.mutate(removing.id)
                }}
              >
                Remove
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Box>
  )
}
