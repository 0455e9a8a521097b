import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { Controller, useForm, useWatch, type Control } from 'react-hook-form'
import { request } from '../../api/client'
import { useLocale } from '../../preferences/timezone'
import { session } from '../../session/session'
import forms from '../../components/forms.module.css'
import { createGoalInput, formError, goalInput, goalSchema, type GoalValues } from './forms'
import { kindHints, kindNames, ALERT_STYLES } from './labels'
import { formatMoney } from './../../format/money'
import { formatMargin, MAX_AMOUNT, marginOf } from './money'
import { createGoalMutation, updateGoalMutation } from './operations'
import type { GoalRights } from './rules'

/** EditableGoal is a goal as the form starts from it. */
export interface EditableGoal {
  id: string
  code: string
  name: string
  kind: string
  isDefault: boolean
  payoutType?: string | null
  payout?: string | null
  revenueType?: string | null
  revenue?: string | null
}

interface GoalFormProps {
  offer: { id: string; name: string; currency: string }
  goal?: EditableGoal
  rights: GoalRights
  onClose: () => void
}

function MoneyField({
  control,
  which,
  currency,
  label,
  description,
  error,
}: {
  control: Control<GoalValues>
  which: 'payout' | 'revenue'
  currency: string
  label: string
  description: string
  error?: string
}) {
  const typeName = which === 'payout' ? 'payoutType' : 'revenueType'
  const type = useWatch({ control, name: typeName })
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`${which}-type-label`}>
        {label}
      </Text>
      <Controller
        control={control}
        name={typeName}
        render={({ field }) => (
          <SegmentedControl
            aria-labelledby={`${which}-type-label`}
            size="xs"
            data={[
              { value: 'FIXED', label: `Fixed amount (${currency})` },
              { value: 'PERCENT', label: '% of the amount' },
            ]}
            value={field.value}
            onChange={field.onChange}
          />
        )}
      />
      <Controller
        control={control}
        name={which}
        render={({ field }) => (
          <TextInput
            label={`${label} value`}
            description={type === 'PERCENT' ? `${description} A percent from 0 to 100 of the amount the advertiser reports.` : description}
            inputMode="decimal"
            autoComplete="off"
            rightSection={
              <Text size="xs" c="dimmed">
                {type === 'PERCENT' ? '%' : currency}
              </Text>
            }
            rightSectionWidth={48}
            error={error}
            {...field}
          />
        )}
      />
    </Stack>
  )
}

/**
 * GoalFormModal adds a goal to an offer or changes one: its postback code, name, kind, default,
 * and the prices the viewer may set — the admin the publisher payout and the revenue, an
 * advertiser its revenue while the offer is a draft.
 */
export function GoalFormModal({ offer, goal, rights, onClose }: GoalFormProps) {
  const locale = useLocale()
  const queryClient = useQueryClient()
  const money = useMemo(() => ({ payout: rights.payout, revenue: rights.revenue }), [rights.payout, rights.revenue])
  const schema = useMemo(() => goalSchema(offer.currency, money, locale), [offer.currency, money, locale])
  const form = useForm<GoalValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      code: goal?.code ?? '',
      name: goal?.name ?? '',
      kind: (goal?.kind as GoalValues['kind'] | undefined) ?? 'EXPECTED',
      payoutType: (goal?.payoutType as GoalValues['payoutType'] | undefined) ?? 'FIXED',
      payout: goal?.payout ?? '0.00',
      revenueType: (goal?.revenueType as GoalValues['revenueType'] | undefined) ?? 'FIXED',
      revenue: goal?.revenue ?? '',
      isDefault: goal?.isDefault ?? false,
    },
  })
  const m = useMutation({
    mutationFn: async (v: GoalValues) => {
      const token = session.token()
      if (goal) await request(updateGoalMutation, { id: goal.id, input: goalInput(v, money) }, { token })
      else await request(createGoalMutation, { input: createGoalInput(offer.id, v, money) }, { token })
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
    onError: (err) => {
      const e = formError(err)
      if (e.field === 'code' || e.field === 'payout' || e.field === 'revenue') form.setError(e.field, { message: e.message })
    },
  })
  const errors = form.formState.errors
  const serverError = m.isError ? formError(m.error) : null
  const title = goal ? `Edit goal ${goal.code}` : `Add a goal to ${offer.name}`
  return (
    <Modal opened centered size="lg" onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
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
          <Group grow align="start" wrap="wrap">
            <TextInput
              label="Code"
              description="As postbacks send it: goal=reg"
              required
              maxLength={64}
              autoComplete="off"
              data-autofocus
              error={errors.code?.message}
              style={{ minWidth: 180 }}
              {...form.register('code')}
            />
            <TextInput label="Name" description="For people: Registration" maxLength={200} error={errors.name?.message} style={{ minWidth: 180 }} {...form.register('name')} />
          </Group>
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label="Kind"
                description={kindHints[field.value]}
                data={['EXPECTED', 'GUARANTEED'].map((k) => ({ value: k, label: kindNames[k] ?? k }))}
                value={field.value}
                allowDeselect={false}
                onChange={(v) => {
                  if (v) field.onChange(v)
                }}
              />
            )}
          />
          {rights.revenue && (
            <MoneyField
              control={form.control}
              which="revenue"
              currency={offer.currency}
              label="Revenue"
              description={`What the advertiser pays per conversion, up to ${formatMoney(MAX_AMOUNT, offer.currency, locale)}.`}
              error={errors.revenue?.message}
            />
          )}
          {rights.payout && (
            <MoneyField
              control={form.control}
              which="payout"
              currency={offer.currency}
              label="Payout"
              description="What publishers earn per conversion (per-publisher payouts can override it)."
              error={errors.payout?.message}
            />
          )}
          {rights.payout && rights.revenue && <MarginNote control={form.control} currency={offer.currency} />}
          {!rights.payout && (
            <Text size="sm" c="dimmed">
              The network’s admin sets what publishers earn.
            </Text>
          )}
          {!rights.revenue && !rights.payout && (
            <Text size="sm" c="dimmed">
              The offer is no longer a draft: only the admin changes its prices now.
            </Text>
          )}
          <Checkbox label="Default goal (used when a postback names none)" {...form.register('isDefault')} />
          {serverError && (
            <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="The goal was not saved">
              {serverError.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={m.isPending}>
              {goal ? 'Save goal' : 'Add goal'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/**
 * MarginNote shows the admin the network's margin (revenue − payout) as the prices are typed, and
 * warns when the payout is above the revenue: saving is allowed (a promotion may mean it), but
 * never silent. Only where both prices are editable: the admin's form (SPEC §6, the margin is the
 * network's secret).
 */
function MarginNote({ control, currency }: { control: Control<GoalValues>; currency: string }) {
  const locale = useLocale()
  const [payoutType, payout, revenueType, revenue] = useWatch({ control, name: ['payoutType', 'payout', 'revenueType', 'revenue'] })
  const margin = marginOf({ payoutType, payout, revenueType, revenue })
  if (!margin) {
    return payoutType !== revenueType && payout && revenue ? (
      <Text size="sm" c="dimmed" data-testid="goal-margin">
        Margin: payout and revenue are of different kinds (an amount and a percent), so it depends on each conversion’s amount.
      </Text>
    ) : null
  }
  if (margin.negative) {
    return (
      <Alert styles={ALERT_STYLES} color="orange" variant="light" title="The payout is above the revenue" data-testid="goal-margin-warning">
        The network loses {formatMargin({ ...margin, value: margin.value.replace(/^-/, '') }, currency, locale)}: publishers earn more than
        the advertiser pays. Save it only if that is meant.
      </Alert>
    )
  }
  return (
    <Text size="sm" data-testid="goal-margin">
      Margin: {formatMargin(margin, currency, locale)} (revenue − payout; only you see it).
    </Text>
  )
}
