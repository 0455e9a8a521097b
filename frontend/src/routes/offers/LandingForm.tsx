import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useForm } from 'react-hook-form'
import { request } from '../../api/client'
import { session } from '../../session/session'
import forms from '../../components/forms.module.css'
import { formError, landingSchema, type LandingValues } from './forms'
import { createLandingMutation, updateLandingMutation } from './operations'
import { ALERT_STYLES } from './labels'

/** EditableLanding is a landing as the form starts from it. */
export interface EditableLanding {
  id: string
  name: string
  url: string
  weight: number
  active: boolean
}

interface LandingFormProps {
  offer: { id: string; name: string }
  landing?: EditableLanding
  onClose: () => void
}

/** LandingFormModal adds a landing page to an offer or changes one. */
export function LandingFormModal({ offer, landing, onClose }: LandingFormProps) {
  const queryClient = useQueryClient()
  const form = useForm<LandingValues>({
    resolver: zodResolver(landingSchema),
    defaultValues: { name: landing?.name ?? '', url: landing?.url ?? '', weight: String(landing?.weight ?? 1), active: landing?.active ?? true },
  })
  const m = useMutation({
    mutationFn: async (v: LandingValues) => {
      const token = session.token()
      const input = { name: v.name.trim(), url: v.url.trim(), weight: Number(v.weight), active: v.active }
      if (landing) await request(updateLandingMutation, { id: landing.id, input }, { token })
      else await request(createLandingMutation, { input: { ...input, offerID: offer.id } }, { token })
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
    onError: (err) => {
      const e = formError(err)
      if (e.field === 'name' || e.field === 'url' || e.field === 'weight') form.setError(e.field, { message: e.message })
    },
  })
  const errors = form.formState.errors
  const serverError = m.isError ? formError(m.error) : null
  const title = landing ? `Edit landing ${landing.name}` : `Add a landing to ${offer.name}`
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
          <TextInput label="Name" required maxLength={200} data-autofocus error={errors.name?.message} {...form.register('name')} />
          <TextInput
            label="URL"
            required
            description="The same macros as the offer’s landing URL, e.g. {click_id}."
            inputMode="url"
            error={errors.url?.message}
            {...form.register('url')}
          />
          <TextInput
            label="Weight"
            description="Its share of traffic when a flow rotates landings (0–1,000)."
            inputMode="numeric"
            error={errors.weight?.message}
            {...form.register('weight')}
          />
          <Checkbox label="Active (takes traffic)" {...form.register('active')} />
          {serverError && (
            <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="The landing was not saved">
              {serverError.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={m.isPending}>
              {landing ? 'Save landing' : 'Add landing'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
