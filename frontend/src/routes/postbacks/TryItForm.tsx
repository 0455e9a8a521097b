import { Alert, Box, Button, Code, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { operationName, useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { formatShortTime } from '../conversions/format'
import { postbackLogsQuery, recentClicksQuery } from './operations'
import { describeAnswer, httpName } from './protocol'
import { goalChoices, isPercentGoal, maskKey, sendPostback, tryItQuery, tryItSchema, type TryItAnswer, type TryItValues } from './tryIt'

import type { OfferWithGoals } from './tryIt'
import classes from './Postbacks.module.css'

interface TryItFormProps {
  postbackKey: string
  advertiserId: string
  admin: boolean
  /** offers are the advertiser's offers with their goals. */
  offers: OfferWithGoals[]
  locale: string
  timeZone: string
}

const STATUS_OPTIONS = [
  { value: '', label: 'The goal’s default' },
  { value: 'pending', label: 'pending' },
  { value: 'approved', label: 'approved' },
  { value: 'cancelled', label: 'cancelled' },
]

/**
 * TryItForm sends a real postback from the browser to this server's /postback (GET, same origin)
 * with the advertiser's key, for a click of its offers, and tells the answer in words with a link
 * to the conversion it made.
 */
export function TryItForm({ postbackKey, advertiserId, admin, offers, locale, timeZone }: TryItFormProps) {
  const queryClient = useQueryClient()
  const clicksQ = useGraphQLQuery(recentClicksQuery, {
    where: admin ? { rejectionIsNil: true, hasOfferWith: [{ hasAdvertiserWith: [{ id: advertiserId }] }] } : { rejectionIsNil: true },
  })
  const clicks = (clicksQ.data?.clicks.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))

  const form = useForm<TryItValues>({
    defaultValues: { clickId: '', goal: '', amount: '', transactionId: '', status: '' },
  })
  const clickId = useWatch({ control: form.control, name: 'clickId' })
  const goalCode = useWatch({ control: form.control, name: 'goal' })
  // The click's offer, when the click is one listed: its goals are the choice.
  const clickOffer = clicks.find((c) => c.id === clickId.trim())?.offer ?? null
  const choices = goalChoices(clickOffer, offers)
  const percentGoal = isPercentGoal(clickOffer, choices, goalCode)

  const [answer, setAnswer] = useState<(TryItAnswer & { clickId: string }) | null>(null)
  const send = useMutation({
    mutationFn: async (v: TryItValues) => ({ ...(await sendPostback(tryItQuery(postbackKey, v))), clickId: v.clickId.trim() }),
    onSuccess: async (a) => {
      setAnswer(a)
      await queryClient.invalidateQueries({ queryKey: [operationName(postbackLogsQuery)] })
    },
  })
  const errors = form.formState.errors
  const submit = form.handleSubmit(
    (v) => {
      // The schema depends on the goal chosen (percent goals need an amount): validate here.
      const parsed = tryItSchema(percentGoal).safeParse(v)
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path[0] as keyof TryItValues
          // The first problem of a field is the one to fix first.
          if (!form.getFieldState(field).error) form.setError(field, { message: issue.message })
        }
        return
      }
      setAnswer(null)
      send.mutate(parsed.data)
    },
  )

  const words = answer ? describeAnswer(answer.status, answer.body) : null

  return (
    <Box component="section" aria-labelledby="helper-try">
      <Title order={2} size="h3" id="helper-try" mb="xs">
        Try it
      </Title>
      <Text size="sm" mb="sm">
        Sends a real postback to this server’s <Code>/postback</Code> with {admin ? 'the advertiser’s' : 'your'} key, exactly as {admin ? 'its' : 'your'} system would.
        It creates or changes a real conversion, and the publisher’s money moves with it: use a test click.
      </Text>
      <form
        noValidate
        aria-label="Send a test postback"
        onSubmit={(e) => {
          form.clearErrors()
          void submit(e)
        }}
      >
        <Stack gap="sm">
          <Select
            label="Recent click"
            description={
              clicksQ.isError
                ? 'Could not load the recent clicks; paste a click ID instead.'
                : clicks.length === 0 && !clicksQ.isPending
                  ? 'No clicks on your offers yet: paste a click ID below.'
                  : 'The newest clicks that reached a landing of your offers.'
            }
            placeholder={clicksQ.isPending ? 'Loading…' : 'Pick a click'}
            data={clicks.map((c) => ({
              value: c.id,
              label: `${c.id} — ${c.offer?.name ?? 'offer'} · ${formatShortTime(c.createdAt, locale, timeZone)}${c.country ? ` · ${c.country}` : ''}`,
            }))}
            value={clicks.some((c) => c.id === clickId.trim()) ? clickId.trim() : null}
            onChange={(v) => {
              form.setValue('clickId', v ?? '')
              form.setValue('goal', '')
            }}
            searchable
            clearable
            nothingFoundMessage="No such click"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Click ID"
              description="Required. The number cpanet put into your landing URL through the offer’s {click_id} macro: your landing page reads it from its own address and keeps it for the postback."
              inputMode="numeric"
              autoComplete="off"
              aria-required
              error={errors.clickId?.message}
              {...form.register('clickId')}
            />
            <Controller
              control={form.control}
              name="goal"
              render={({ field }) => (
                <Select
                  label="Goal"
                  description={percentGoal ? 'This goal pays a percent of the amount: enter the amount.' : 'Left empty: the offer’s default goal.'}
                  placeholder="The offer’s default goal"
                  data={choices.map((g) => ({ value: g.code, label: g.label }))}
                  value={field.value || null}
                  onChange={(v) => {
                    field.onChange(v ?? '')
                  }}
                  onBlur={field.onBlur}
                  clearable
                  searchable
                  error={errors.goal?.message}
                />
              )}
            />
            <TextInput
              label="Amount"
              description="“.” as the separator; negative for a chargeback."
              inputMode="decimal"
              autoComplete="off"
              placeholder="e.g. 120.50"
              error={errors.amount?.message}
              {...form.register('amount')}
            />
            <TextInput
              label="Transaction ID"
              description="Your ID of the action; send the same one again to approve or cancel it."
              autoComplete="off"
              placeholder="e.g. TEST-1001"
              maxLength={255}
              error={errors.transactionId?.message}
              {...form.register('transactionId')}
            />
            <Controller
              control={form.control}
              name="status"
              render={({ field }) => (
                <Select
                  label="Status"
                  data={STATUS_OPTIONS}
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v ?? '')
                  }}
                  allowDeselect={false}
                />
              )}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={send.isPending}>
              Send test postback
            </Button>
          </Group>
        </Stack>
      </form>
      <div aria-live="polite">
        {answer && words && (
          <Alert
            mt="md"
            color={words.ok ? 'teal' : 'red'}
            variant="default"
            title={words.title}
            data-testid="try-result"
            data-status={answer.status}
            data-result={answer.body?.result ?? 'error'}
          >
            <Stack gap={6}>
              {words.detail && <Text size="sm">{words.ok ? 'Reason' : 'The server said'}: “{words.detail}”.</Text>}
              <Text size="sm">HTTP {answer.status === 0 ? 'no answer' : httpName(answer.status)}</Text>
              <Text size="sm">Sent:</Text>
              <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{`GET /postback?${maskKey(answer.query)}`}</Code>
              {answer.body && (
                <>
                  <Text size="sm">Answer:</Text>
                  <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="try-json">
                    {JSON.stringify(answer.body)}
                  </Code>
                </>
              )}
              <Group gap="md">
                {words.conversionId && (
                  <AnchorLink to="/conversions" search={{ status: 'ALL', click: answer.clickId }} size="sm" className={classes.link} data-testid="try-conversion-link">
                    Open conversion {words.conversionId}
                  </AnchorLink>
                )}
                <AnchorLink to="/postbacks" search={words.conversionId ? { tab: 'incoming', click: answer.clickId } : { tab: 'incoming' }} size="sm" className={classes.link}>
                  See it in the incoming log
                </AnchorLink>
              </Group>
            </Stack>
          </Alert>
        )}
      </div>
    </Box>
  )
}
