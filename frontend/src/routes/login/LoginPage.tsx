import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { loginErrorMessage } from '../../api/errors'
import { safeRedirect } from '../../session/redirect'
import { session } from '../../session/session'

const route = getRouteApi('/login')

const credentials = z.object({
  email: z.string().trim().min(1, 'Enter your email').pipe(z.email('Enter an email such as name@example.com')),
  password: z.string().min(1, 'Enter your password'),
})

type Credentials = z.infer<typeof credentials>

/** LoginPage signs the viewer in and returns to the page it came from. */
export function LoginPage() {
  const search = route.useSearch()
  const navigate = useNavigate()
  const [error, setError] = useState<string | null>(null)
  const form = useForm<Credentials>({ resolver: zodResolver(credentials), defaultValues: { email: '', password: '' } })
  const { errors, isSubmitting } = form.formState

  useEffect(() => {
    document.title = 'Sign in · cpanet'
  }, [])

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setError(null)
    try {
      await session.signIn(email.trim(), password)
    } catch (err) {
      setError(loginErrorMessage(err))
      return
    }
    await navigate({ href: safeRedirect(search.redirect), replace: true })
  })

  return (
    <Center component="main" mih="100dvh" p="md" bg="var(--mantine-color-body)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={isSubmitting}>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                Sign in to cpanet
              </Title>
              <Text size="sm" c="dimmed">
                The affiliate network dashboard
              </Text>
            </div>
            {search.reason === 'expired' && !error && (
              <Alert color="yellow" variant="default" data-testid="login-notice">
                Your session has ended. Sign in again to continue.
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              error={errors.email?.message}
              {...form.register('email')}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the password' }}
              error={errors.password?.message}
              {...form.register('password')}
            />
            {error && (
              <Alert color="red" variant="light" role="alert" data-testid="login-error">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={isSubmitting} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
