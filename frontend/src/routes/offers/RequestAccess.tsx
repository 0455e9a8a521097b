import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useForm } from 'react-hook-form'
import { request } from '../../api/client'
import { session } from '../../session/session'
import forms from '../../components/forms.module.css'
import { accessRequestSchema, formError, type AccessRequestValues } from './forms'
import { requestOfferAccessMutation } from './operations'
import { ALERT_STYLES } from './labels'

interface RequestAccessProps {
  offer: { id: string; name: string }
  /** again: the publisher asks again after a rejection. */
  again: boolean
  onClose: () => void
}

/** RequestAccessModal asks the admin for access to an approval-required offer, with a message. */
export function RequestAccessModal({ offer, again, onClose }: RequestAccessProps) {
  const queryClient = useQueryClient()
  const form = useForm<AccessRequestValues>({ resolver: zodResolver(accessRequestSchema), defaultValues: { message: '' } })
  const m = useMutation({
    mutationFn: (v: AccessRequestValues) =>
      request(requestOfferAccessMutation, { offerID: offer.id, message: v.message.trim() }, { token: session.token() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
  })
  const err = m.isError ? formError(m.error) : null
  const title = `${again ? 'Ask again for' : 'Request'} access to ${offer.name}`
  return (
    <Modal opened centered onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        className={forms.form}
        onSubmit={(e) =>
          void form.handleSubmit((v) => {
            m.mutate(v)
          })(e)
        }
      >
        <Stack gap="sm">
          <Text size="sm">
            The admin reads your message and approves or rejects the request. Once approved, you can create flows for this offer.
          </Text>
          <Textarea
            label="Message to the admin"
            description="Your traffic sources, countries and expected volume."
            autosize
            minRows={3}
            maxLength={1000}
            data-autofocus
            error={form.formState.errors.message?.message}
            {...form.register('message')}
          />
          {err && (
            <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="The request was not sent">
              {err.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={m.isPending}>
              Send request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
