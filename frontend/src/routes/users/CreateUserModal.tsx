import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useForm, useWatch } from 'react-hook-form'
import { request } from '../../api/client'
import type { UserRowFragment } from '../../gql/graphql'
import { session } from '../../session/session'
import { ROLE_NAMES } from './filters'
import { createUserError, createUserInput, createUserSchema, EMAIL_MAX, NAME_MAX, PASSWORD_MIN, type CreateUserValues } from './forms'
import { createUserMutation } from './operations'
import { ROLES } from './search'
import forms from '../../components/forms.module.css'

interface CreateUserModalProps {
  onClose: () => void
  onCreated: (user: UserRowFragment) => void
}

/**
 * CreateUserModal is the "New user" form: email, password, name, role and, for a publisher,
 * trusted. It validates as the server does and puts the server's refusals next to the field.
 */
export function CreateUserModal({ onClose, onCreated }: CreateUserModalProps) {
  const queryClient = useQueryClient()
  const form = useForm<CreateUserValues>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { email: '', password: '', name: '', role: 'PUBLISHER', trusted: false },
  })
  const role = useWatch({ control: form.control, name: 'role' })
  const m = useMutation({
    mutationFn: (v: CreateUserValues) => request(createUserMutation, { input: createUserInput(v) }, { token: session.token() }),
    onSuccess: async (data) => {
      onCreated(data.createUser)
      await queryClient.invalidateQueries()
    },
    onError: (err, v) => {
      const e = createUserError(err, v.email)
      form.setError(e.field, { type: 'server', message: e.message }, { shouldFocus: e.field !== 'root' })
    },
  })
  const errors = form.formState.errors

  return (
    <Modal opened centered onClose={onClose} title="New user" closeButtonProps={{ 'aria-label': 'Close' }} data-testid="create-user">
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
          <TextInput
            label="Email"
            description="The user signs in with it."
            type="email"
            autoComplete="off"
            required
            maxLength={EMAIL_MAX}
            error={errors.email?.message}
            data-autofocus
            {...form.register('email')}
          />
          <PasswordInput
            label="Password"
            description={`At least ${String(PASSWORD_MIN)} characters. Give it to the user; they can change it in Settings.`}
            autoComplete="new-password"
            required
            error={errors.password?.message}
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the characters typed' }}
            {...form.register('password')}
          />
          <TextInput label="Name" description="Optional: a person or a company." maxLength={NAME_MAX} error={errors.name?.message} {...form.register('name')} />
          <NativeSelect
            label="Role"
            required
            data={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
            error={errors.role?.message}
            {...form.register('role')}
          />
          {role === 'PUBLISHER' && (
            <Checkbox
              label="Trusted publisher"
              description="Its conversions skip the hold: they go straight to credit instead of waiting for approval."
              {...form.register('trusted')}
            />
          )}
          {errors.root && (
            <Alert color="red" variant="light" role="alert" title="The user was not created">
              {errors.root.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={m.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
