import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Divider, Group, PasswordInput, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { request } from '../../api/client'
import { useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import { session } from '../../session/session'
import { passwordError, passwordSchema, profileError, profileSchema, type PasswordValues, type ProfileValues } from './forms'
import { changePasswordMutation, profileQuery, updateProfileMutation } from './operations'
import classes from './Settings.module.css'
import forms from '../../components/forms.module.css'

const ROLE_NAMES = { ADMIN: 'the network’s admin', ADVERTISER: 'an advertiser', PUBLISHER: 'a publisher' } as const

/** ProfileSettings is everyone's own profile: the display name (updateProfile) and the password (changePassword). */
export function ProfileSettings() {
  const q = useGraphQLQuery(profileQuery, {})
  return (
    <Stack gap="xl" maw={560}>
      {q.isError ? (
        <ErrorState title="Could not load your profile" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data?.me ? (
        <Skeleton height={160} aria-label="Loading your profile" />
      ) : (
        <NameForm key={q.data.me.id} email={q.data.me.email} role={q.data.me.role} name={q.data.me.name} />
      )}
      <Divider />
      <PasswordForm />
    </Stack>
  )
}

function NameForm({ email, role, name }: { email: string; role: keyof typeof ROLE_NAMES; name: string }) {
  const queryClient = useQueryClient()
  const form = useForm<ProfileValues>({ resolver: zodResolver(profileSchema), defaultValues: { name } })
  const [done, setDone] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const m = useMutation({
    mutationFn: (v: ProfileValues) => request(updateProfileMutation, { input: { name: v.name } }, { token: session.token() }),
    onSuccess: async (data) => {
      setDone(true)
      form.reset({ name: data.updateProfile.name })
      // The shell's header shows the session's viewer: it gets the new name at once.
      session.update(data.updateProfile)
      await queryClient.invalidateQueries()
    },
    onError: (err) => {
      const e = profileError(err)
      if (e.field) form.setError(e.field, { message: e.message }, { shouldFocus: true })
      else setFormError(e.message)
    },
  })
  return (
    <form
      noValidate
      className={forms.form}
      aria-labelledby="profile-title"
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          setDone(false)
          setFormError(null)
          m.mutate(v)
        })(e)
      }
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="profile-title">
          Profile
        </Title>
        <Text size="sm">
          Signed in as <strong className={classes.wrap}>{email}</strong>, {ROLE_NAMES[role]}.
        </Text>
        <Text size="sm" c="dimmed">
          Only the network’s admin can change your email (Users page).
        </Text>
        <TextInput
          label="Name"
          description="Shown to the network’s admin and in the dashboard’s header."
          autoComplete="name"
          maxLength={200}
          error={form.formState.errors.name?.message}
          data-testid="profile-name"
          {...form.register('name')}
        />
        <Group>
          <Button type="submit" loading={m.isPending}>
            Save name
          </Button>
        </Group>
        {formError && (
          <Text size="sm" c="red.9" role="alert">
            {formError}
          </Text>
        )}
        {done && (
          <Alert color="green" variant="default" role="status" title="Saved" data-testid="profile-saved">
            Your name is saved.
          </Alert>
        )}
      </Stack>
    </form>
  )
}

/**
 * ariaFor connects a PasswordInput to its error and description: Mantine's PasswordInput sets
 * neither aria-invalid nor aria-describedby on its input (its other inputs do).
 */
function ariaFor(id: string, error: string | undefined, description: boolean) {
  const describedBy = [error ? `${id}-error` : '', description ? `${id}-description` : ''].filter(Boolean).join(' ')
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined }
}

function PasswordForm() {
  const form = useForm<PasswordValues>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { oldPassword: '', newPassword: '', confirmPassword: '' },
  })
  const [done, setDone] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const m = useMutation({
    mutationFn: (v: PasswordValues) =>
      request(changePasswordMutation, { oldPassword: v.oldPassword, newPassword: v.newPassword }, { token: session.token() }),
    onSuccess: () => {
      setDone(true)
      form.reset()
    },
    onError: (err) => {
      const e = passwordError(err)
      if (e.field) form.setError(e.field, { message: e.message }, { shouldFocus: true })
      else setFormError(e.message)
    },
  })
  const errors = form.formState.errors
  return (
    <form
      noValidate
      className={forms.form}
      aria-labelledby="password-title"
      onSubmit={(e) =>
        void form.handleSubmit((v) => {
          setDone(false)
          setFormError(null)
          m.mutate(v)
        })(e)
      }
    >
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="password-title">
            Password
          </Title>
          <Text size="sm" c="dimmed">
            You stay signed in here; use the new password the next time you sign in.
          </Text>
        </div>
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          error={errors.oldPassword?.message}
          {...ariaFor('old-password', errors.oldPassword?.message, false)}
          data-testid="old-password"
          {...form.register('oldPassword')}
        />
        <PasswordInput
          label="New password"
          description="At least 8 characters."
          autoComplete="new-password"
          error={errors.newPassword?.message}
          {...ariaFor('new-password', errors.newPassword?.message, true)}
          data-testid="new-password"
          {...form.register('newPassword')}
        />
        <PasswordInput
          label="New password again"
          autoComplete="new-password"
          error={errors.confirmPassword?.message}
          {...ariaFor('confirm-password', errors.confirmPassword?.message, false)}
          data-testid="confirm-password"
          {...form.register('confirmPassword')}
        />
        <Group>
          <Button type="submit" loading={m.isPending} data-testid="change-password">
            Change password
          </Button>
        </Group>
        {formError && (
          <Text size="sm" c="red.9" role="alert">
            {formError}
          </Text>
        )}
        {done && (
          <Alert color="green" variant="default" role="status" title="Password changed" data-testid="password-changed">
            Your password is changed. Use it the next time you sign in.
          </Alert>
        )}
      </Stack>
    </form>
  )
}
