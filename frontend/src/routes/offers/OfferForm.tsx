import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Checkbox, Group, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useMemo } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { request } from '../../api/client'
import { useGraphQLQuery } from '../../api/query'
import { session } from '../../session/session'
import forms from '../../components/forms.module.css'
import {
  createOfferInput,
  formError,
  offerCreateSchema,
  updateOfferInput,
  type OfferCreateParsed,
  type OfferCreateValues,
} from './forms'
import { personName, statusNames, visibilityHints, visibilityNames, ALERT_STYLES } from './labels'
import { currencyCodes } from './money'
import { createOfferMutation, updateOfferMutation, usersByRoleQuery } from './operations'
import { OFFER_STATUSES, OFFER_VISIBILITIES } from './search'

/** EditableOffer is what the edit form starts from. */
export interface EditableOffer {
  id: string
  name: string
  description?: string | null
  landingURL: string
  currency: string
  status: string
  visibility: string
  allowedCountries?: readonly string[] | null
  multipleConversions: boolean
  hold: boolean
  autoApproveDays?: number | null
  trafficbackURL?: string | null
}

interface OfferFormProps {
  /** offer: edit this offer; absent: create a new one. */
  offer?: EditableOffer
  /** admin: the admin chooses the advertiser and the status of a new offer. */
  admin: boolean
  onSaved: (id: string) => void
  onCancel: () => void
}

const FIELDS = new Set(['name', 'description', 'landingURL', 'currency', 'visibility', 'allowedCountries', 'autoApproveDays', 'trafficbackURL', 'advertiserID'])

function defaults(offer: EditableOffer | undefined): OfferCreateValues {
  return {
    name: offer?.name ?? '',
    description: offer?.description ?? '',
    landingURL: offer?.landingURL ?? '',
    currency: offer?.currency ?? 'USD',
    visibility: (offer?.visibility as OfferCreateValues['visibility'] | undefined) ?? 'PUBLIC',
    allowedCountries: [...(offer?.allowedCountries ?? [])],
    multipleConversions: offer?.multipleConversions ?? false,
    hold: offer ? (offer.hold ? 'ON' : 'OFF') : 'DEFAULT',
    autoApproveDays: offer?.autoApproveDays ? String(offer.autoApproveDays) : '',
    trafficbackURL: offer?.trafficbackURL ?? '',
    status: (offer?.status as OfferCreateValues['status'] | undefined) ?? 'ACTIVE',
    advertiserID: '',
  }
}

/**
 * OfferForm creates an offer or edits one: its name, description, landing URL template,
 * currency (fixed once created), visibility, countries, hold, auto-approval and trafficback.
 * An advertiser's new offer is always a draft; the admin names the owner and the status.
 */
export function OfferForm({ offer, admin, onSaved, onCancel }: OfferFormProps) {
  const creating = offer === undefined
  const schema = useMemo(() => offerCreateSchema(admin && creating), [admin, creating])
  const form = useForm<OfferCreateValues, unknown, OfferCreateParsed>({ resolver: zodResolver(schema), defaultValues: defaults(offer) })
  const advertisers = useGraphQLQuery(usersByRoleQuery, { role: 'ADVERTISER' }, { enabled: admin && creating })
  const currencies = useMemo(() => currencyCodes().map((c) => ({ value: c, label: c })), [])
  const m = useMutation({
    mutationFn: async (v: OfferCreateParsed) => {
      const token = session.token()
      if (offer) {
        const r = await request(updateOfferMutation, { id: offer.id, input: updateOfferInput(v) }, { token })
        return r.updateOffer.id
      }
      const r = await request(createOfferMutation, { input: createOfferInput(v, admin) }, { token })
      return r.createOffer.id
    },
    onSuccess: (id) => {
      onSaved(id)
    },
    onError: (err) => {
      const e = formError(err)
      if (e.field && FIELDS.has(e.field)) form.setError(e.field as keyof OfferCreateValues, { message: e.message })
    },
  })
  const errors = form.formState.errors
  const serverError = m.isError ? formError(m.error) : null
  const idPrefix = creating ? 'new-offer' : 'edit-offer'

  return (
    <form
      noValidate
      className={forms.form}
      aria-label={creating ? 'New offer' : `Edit ${offer.name}`}
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          m.mutate(v)
        })(e)
      }
    >
      <Stack gap="sm">
        {creating && !admin && (
          <Alert styles={ALERT_STYLES} color="blue" variant="light" title="Your offer starts as a draft" data-testid="draft-note">
            The network’s admin reviews it, sets the publisher payouts and activates it. Until then publishers do not see it. Add its goals
            (with your price per action) once it is created.
          </Alert>
        )}
        {creating && admin && (
          <Controller
            control={form.control}
            name="advertiserID"
            render={({ field }) => (
              <Select
                label="Advertiser"
                description="The advertiser who owns the offer and reports its conversions."
                placeholder={advertisers.isLoading ? 'Loading advertisers…' : 'Choose an advertiser'}
                searchable
                data={(advertisers.data?.users.edges ?? []).flatMap((e) =>
                  e?.node ? [{ value: e.node.id, label: `${personName(e.node)}${e.node.name ? ` (${e.node.email})` : ''}` }] : [],
                )}
                value={field.value || null}
                onChange={(v) => {
                  field.onChange(v ?? '')
                }}
                onBlur={field.onBlur}
                error={errors.advertiserID?.message}
                required
              />
            )}
          />
        )}
        <TextInput label="Name" required maxLength={200} error={errors.name?.message} {...form.register('name')} />
        <TextInput
          label="Landing URL"
          required
          description="Where clicks go. Macros: {click_id} {flow_id} {offer_id} {publisher_id} {landing_id} {sub1}…{sub5} {country}."
          placeholder="https://example.com/?click={click_id}"
          inputMode="url"
          error={errors.landingURL?.message}
          {...form.register('landingURL')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {creating ? (
            <Controller
              control={form.control}
              name="currency"
              render={({ field }) => (
                <Select
                  label="Currency"
                  description="Payouts and revenue are in this currency; it cannot change later."
                  searchable
                  data={currencies}
                  value={field.value}
                  allowDeselect={false}
                  onChange={(v) => {
                    field.onChange(v ?? '')
                  }}
                  onBlur={field.onBlur}
                  error={errors.currency?.message}
                />
              )}
            />
          ) : (
            <TextInput label="Currency" description="Fixed when the offer was created." value={offer.currency} readOnly />
          )}
          <Controller
            control={form.control}
            name="visibility"
            render={({ field }) => (
              <Select
                label="Visibility"
                description={visibilityHints[field.value]}
                data={OFFER_VISIBILITIES.map((v) => ({ value: v, label: visibilityNames[v] ?? v }))}
                value={field.value}
                allowDeselect={false}
                onChange={(v) => {
                  if (v) field.onChange(v)
                }}
                onBlur={field.onBlur}
              />
            )}
          />
        </SimpleGrid>
        {creating && admin && (
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <Select
                label="Status"
                description="Only active offers take traffic."
                data={OFFER_STATUSES.map((v) => ({ value: v, label: statusNames[v] ?? v }))}
                value={field.value}
                allowDeselect={false}
                onChange={(v) => {
                  if (v) field.onChange(v)
                }}
              />
            )}
          />
        )}
        <Controller
          control={form.control}
          name="allowedCountries"
          render={({ field }) => (
            <TagsInput
              label="Allowed countries"
              description="Two-letter codes (DE, US…), separated by commas; empty: all countries."
              splitChars={[',', ' ', ';']}
              value={field.value}
              onChange={(v) => {
                field.onChange(v.map((c) => c.trim().toUpperCase()))
              }}
              onBlur={field.onBlur}
              error={errors.allowedCountries?.message}
              clearable
              id={`${idPrefix}-countries`}
            />
          )}
        />
        <Textarea
          label="Description"
          description="Terms for publishers: allowed traffic, restrictions, what a conversion is."
          autosize
          minRows={3}
          maxLength={10000}
          error={errors.description?.message}
          {...form.register('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Controller
            control={form.control}
            name="hold"
            render={({ field }) => (
              <Select
                label="Hold"
                description="Held conversions wait as pending credit until approved."
                data={[
                  ...(creating ? [{ value: 'DEFAULT', label: 'Network default' }] : []),
                  { value: 'ON', label: 'On: hold conversions' },
                  { value: 'OFF', label: 'Off: credit at once' },
                ]}
                value={field.value}
                allowDeselect={false}
                onChange={(v) => {
                  if (v) field.onChange(v)
                }}
              />
            )}
          />
          <TextInput
            label="Auto-approve after (days)"
            description="Pending conversions this old are approved; empty: never."
            inputMode="numeric"
            error={errors.autoApproveDays?.message}
            {...form.register('autoApproveDays')}
          />
        </SimpleGrid>
        <TextInput
          label="Trafficback URL"
          description="Where rejected clicks go when the flow has none; optional."
          inputMode="url"
          error={errors.trafficbackURL?.message}
          {...form.register('trafficbackURL')}
        />
        <Checkbox
          label="Several conversions of the same goal per click"
          description="For repeat sales; otherwise a click converts once per goal."
          {...form.register('multipleConversions')}
        />
        {serverError && (
          <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title={creating ? 'The offer was not created' : 'The changes were not saved'}>
            {serverError.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={m.isPending}>
            {creating ? (admin ? 'Create offer' : 'Create draft') : 'Save changes'}
          </Button>
        </Group>
        {creating && !admin && (
          <Text size="xs" c="dimmed">
            Whatever you choose here, the offer is created as a draft.
          </Text>
        )}
      </Stack>
    </form>
  )
}
