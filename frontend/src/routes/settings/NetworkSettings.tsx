import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Group, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { request } from '../../api/client'
import { operationName, useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import type { NetworkSettingsQuery } from '../../gql/graphql'
import { session } from '../../session/session'
import { networkInput, networkSchema, settingsError, type NetworkValues } from './forms'
import { networkSettingsQuery, updateSettingsMutation } from './operations'
import forms from '../../components/forms.module.css'

function valuesOf(s: NetworkSettingsQuery['settings']): NetworkValues {
  return {
    holdNewOffersByDefault: s.holdNewOffersByDefault,
    defaultTrafficbackURL: s.defaultTrafficbackURL ?? '',
    minWithdrawal: s.minWithdrawal,
    requirePublisherApproval: s.requirePublisherApproval,
    postbackRawTransactionID: s.postbackRawTransactionID,
  }
}

/** NetworkSettings is the admin's form over the network settings (updateSettings). */
export function NetworkSettings() {
  const q = useGraphQLQuery(networkSettingsQuery, {})
  const saved = useMemo(() => (q.data ? valuesOf(q.data.settings) : null), [q.data])
  if (q.isError) return <ErrorState title="Could not load the network settings" error={q.error} onRetry={() => void q.refetch()} />
  if (!saved) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading the network settings">
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} height={44} maw={640} />
        ))}
      </Stack>
    )
  }
  return <NetworkForm saved={saved} />
}

function NetworkForm({ saved }: { saved: NetworkValues }) {
  const queryClient = useQueryClient()
  const form = useForm<NetworkValues>({ resolver: zodResolver(networkSchema), defaultValues: saved })
  const [done, setDone] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  useEffect(() => {
    // Fresh settings from the server (after a save, or another admin's change on refetch).
    if (!form.formState.isDirty) form.reset(saved)
  }, [saved, form])

  const m = useMutation({
    mutationFn: (input: ReturnType<typeof networkInput>) => request(updateSettingsMutation, { input }, { token: session.token() }),
    onSuccess: async (data) => {
      setDone(true)
      form.reset(valuesOf(data.updateSettings))
      queryClient.setQueryData([operationName(networkSettingsQuery), {}], { settings: data.updateSettings })
      // Other pages read settings too (the withdrawal form's minimum).
      await queryClient.invalidateQueries()
    },
    onError: (err) => {
      const e = settingsError(err)
      if (e.field) form.setError(e.field, { message: e.message }, { shouldFocus: true })
      else setFormError(e.message)
    },
  })
  const errors = form.formState.errors

  return (
    <form
      noValidate
      className={forms.form}
      aria-labelledby="network-title"
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          setDone(false)
          setFormError(null)
          const input = networkInput(v, saved)
          if (Object.keys(input).length === 0) {
            setDone(true)
            return
          }
          m.mutate(input)
        })(e)
      }
    >
      <Stack gap="lg" maw={680}>
        <div>
          <Title order={2} size="h3" id="network-title">
            Network settings
          </Title>
          <Text size="sm" c="dimmed">
            These apply to the whole network: every advertiser, publisher and offer.
          </Text>
        </div>
        <Controller
          control={form.control}
          name="holdNewOffersByDefault"
          render={({ field }) => (
            <Switch
              label="Hold new offers by default"
              description="A new offer starts with hold on: its conversions wait as pending for approval, unless the publisher is trusted. Each offer can still change it."
              checked={field.value}
              onChange={(e) => {
                field.onChange(e.currentTarget.checked)
              }}
              onBlur={field.onBlur}
              data-testid="hold-new-offers"
            />
          )}
        />
        <Controller
          control={form.control}
          name="requirePublisherApproval"
          render={({ field }) => (
            <Switch
              label="Publishers who sign up wait for approval"
              description="Self-registered publishers cannot sign in until you activate them on the Users page."
              checked={field.value}
              onChange={(e) => {
                field.onChange(e.currentTarget.checked)
              }}
              onBlur={field.onBlur}
            />
          )}
        />
        <Controller
          control={form.control}
          name="postbackRawTransactionID"
          render={({ field }) => (
            <Switch
              label="Send raw transaction IDs in publisher postbacks"
              description="On: {transaction_id} in publishers’ postbacks is the advertiser’s own ID. Off (the default): a keyed hash of it, stable per publisher, so publishers never see advertisers’ order IDs."
              checked={field.value}
              onChange={(e) => {
                field.onChange(e.currentTarget.checked)
              }}
              onBlur={field.onBlur}
            />
          )}
        />
        <TextInput
          label="Default trafficback URL"
          description="Where rejected clicks go (unknown flow, paused offer, country not allowed) when neither the flow nor the offer has a trafficback URL. Empty: such clicks get “not found”."
          placeholder="https://example.com/more-offers?sub1={sub1}"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          error={errors.defaultTrafficbackURL?.message}
          data-testid="trafficback-url"
          {...form.register('defaultTrafficbackURL')}
        />
        <TextInput
          label="Minimum withdrawal"
          description="The smallest amount a publisher may ask to withdraw, in each currency it holds. 0: no minimum."
          inputMode="decimal"
          autoComplete="off"
          maw={420}
          error={errors.minWithdrawal?.message}
          data-testid="min-withdrawal"
          {...form.register('minWithdrawal')}
        />
        <Group gap="sm">
          <Button type="submit" loading={m.isPending} data-testid="save-network">
            Save network settings
          </Button>
          <Button
            variant="default"
            disabled={!form.formState.isDirty || m.isPending}
            onClick={() => {
              form.reset(saved)
              setDone(false)
              setFormError(null)
            }}
          >
            Undo changes
          </Button>
        </Group>
        {formError && (
          <Text size="sm" c="red.9" role="alert">
            {formError}
          </Text>
        )}
        {done && !form.formState.isDirty && (
          <Alert color="green" variant="default" role="status" title="Saved" data-testid="network-saved">
            The network settings are saved.
          </Alert>
        )}
      </Stack>
    </form>
  )
}
