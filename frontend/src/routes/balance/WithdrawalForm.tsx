import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Box, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { GraphQLRequestError, request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { formatMoney } from '../../format/money'
import { session } from '../../session/session'
import { requestWithdrawalMutation } from './operations'
import forms from '../../components/forms.module.css'
import { withdrawalSchema, type WithdrawalFormValues } from './withdrawalForm'

interface WithdrawalFormProps {
  balances: readonly { currency: string; credit: string }[]
  minimum: string
  locale: string
}

/**
 * WithdrawalForm asks to be paid out of the credit: a currency among the publisher's balances,
 * an amount between the network's minimum and the credit, and where to send the money; it
 * confirms before sending.
 */
export function WithdrawalForm({ balances, minimum, locale }: WithdrawalFormProps) {
  const queryClient = useQueryClient()
  const credits = useMemo(() => Object.fromEntries(balances.map((b) => [b.currency, b.credit])), [balances])
  const schema = useMemo(
    () => withdrawalSchema({ minimum, credits, format: (v, c) => formatMoney(v, c, locale) }),
    [minimum, credits, locale],
  )
  const form = useForm<WithdrawalFormValues>({
    resolver: zodResolver(schema),
    defaultValues: { currency: balances[0]?.currency ?? '', amount: '', details: '' },
  })
  const [confirming, setConfirming] = useState<WithdrawalFormValues | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const m = useMutation({
    mutationFn: (v: WithdrawalFormValues) =>
      request(requestWithdrawalMutation, { currency: v.currency, amount: v.amount.replace(/\s/g, ''), details: v.details.trim() }, { token: session.token() }),
    onSuccess: async (_, v) => {
      setConfirming(null)
      setDone(`Your withdrawal of ${formatMoney(v.amount, v.currency, locale)} is requested. The admin pays it or answers with a comment.`)
      form.reset({ currency: v.currency, amount: '', details: v.details })
      await queryClient.invalidateQueries()
    },
  })
  const currency = useWatch({ control: form.control, name: 'currency' })
  const credit = credits[currency]
  const errors = form.formState.errors

  return (
    <Box component="section" aria-labelledby="withdraw-title">
      <Title order={2} size="h3" id="withdraw-title" mb="xs">
        Request a withdrawal
      </Title>
      <form
        noValidate
        className={forms.form}
        onSubmit={(e) =>
          void form.handleSubmit((v) => {
            setDone(null)
            m.reset()
            setConfirming(v)
          })(e)
        }
        aria-describedby="withdraw-help"
      >
        <Stack gap="sm" maw={520}>
          <Text size="sm" c="dimmed" id="withdraw-help">
            The minimum is {formatMoney(minimum, currency || null, locale)}
            {credit !== undefined ? `; you can withdraw up to your credit of ${formatMoney(credit, currency, locale)}` : ''}.
          </Text>
          <Group gap="sm" align="start" wrap="wrap">
            <Controller
              control={form.control}
              name="currency"
              render={({ field }) => (
                <Select
                  label="Currency"
                  data={balances.map((b) => ({ value: b.currency, label: b.currency }))}
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v ?? '')
                  }}
                  onBlur={field.onBlur}
                  allowDeselect={false}
                  error={errors.currency?.message}
                  w={130}
                />
              )}
            />
            <TextInput
              label="Amount"
              inputMode="decimal"
              autoComplete="off"
              placeholder={currency === 'JPY' ? '5000' : '150.00'}
              error={errors.amount?.message}
              style={{ flex: 1, minWidth: 160 }}
              data-testid="withdraw-amount"
              {...form.register('amount')}
            />
          </Group>
          <Textarea
            label="Payment details"
            description="Where to send the money: an IBAN, a PayPal address…"
            autosize
            minRows={2}
            maxLength={1000}
            error={errors.details?.message}
            {...form.register('details')}
          />
          <Group>
            <Button type="submit">Request withdrawal</Button>
          </Group>
          {done && (
            <Alert color="green" variant="default" role="status" title="Withdrawal requested" data-testid="withdraw-done">
              {done}
            </Alert>
          )}
        </Stack>
      </form>
      {confirming && (
        <Modal
          opened
          centered
          closeButtonProps={{ 'aria-label': 'Close' }}
          onClose={() => {
            setConfirming(null)
          }}
          title={`Withdraw ${formatMoney(confirming.amount, confirming.currency, locale)}?`}
        >
          <Stack gap="sm">
            <Text size="sm">
              {formatMoney(confirming.amount, confirming.currency, locale)} leaves your credit now and is sent to:
            </Text>
            <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {confirming.details}
            </Text>
            <Text size="sm">If the admin rejects the request, the money returns to your credit.</Text>
            {m.isError && (
              <Text size="sm" c="red.8" role="alert">
                {m.error instanceof GraphQLRequestError && m.error.code === 'BAD_USER_INPUT'
                  ? 'The amount was not accepted: it is below the minimum or more than your credit now. Check it and try again.'
                  : errorMessage(m.error)}
              </Text>
            )}
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setConfirming(null)
                }}
              >
                Cancel
              </Button>
              <Button
                loading={m.isPending}
                onClick={() => {
                  m.mutate(confirming)
                }}
                data-testid="confirm-withdrawal"
              >
                Withdraw {formatMoney(confirming.amount, confirming.currency, locale)}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Box>
  )
}
