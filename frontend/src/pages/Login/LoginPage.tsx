import { useActionState } from 'react'
import { errorMessage } from '../../api/client'
import './LoginPage.css'

interface LoginPageProps {
  /** onSignIn resolves once signed in and rejects with the reason it could not. */
  onSignIn: (email: string, password: string) => Promise<void>
  /** notice is shown before the first attempt (e.g. the server could not be reached). */
  notice: string | null
}

interface LoginState {
  email: string
  error: string | null
}

function textField(form: FormData, name: string): string {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/** LoginPage asks for email and password and signs the viewer in. */
export function LoginPage({ onSignIn, notice }: LoginPageProps) {
  const [state, submit, pending] = useActionState(
    async (_previous: LoginState, form: FormData): Promise<LoginState> => {
      const email = textField(form, 'email').trim()
      const password = textField(form, 'password')
      try {
        await onSignIn(email, password)
        return { email, error: null }
      } catch (err) {
        return { email, error: errorMessage(err) }
      }
    },
    { email: '', error: notice },
  )

  return (
    <main className="login">
      <form className="login__form" action={submit} aria-busy={pending}>
        <h1>cpanet</h1>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required defaultValue={state.email} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {state.error && (
          <p className="login__error" role="alert" data-testid="login-error">
            {state.error}
          </p>
        )}
        <button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
