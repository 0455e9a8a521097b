import { HomePage } from './pages/Home/HomePage'
import { LoginPage } from './pages/Login/LoginPage'
import { useSession } from './session/useSession'

/** App shows the login page or the signed-in shell, depending on the session. */
export function App() {
  const { session, signIn, signOut } = useSession()
  switch (session.status) {
    case 'checking':
      return (
        <p className="checking" aria-busy="true">
          Loading…
        </p>
      )
    case 'signedOut':
      return <LoginPage onSignIn={signIn} notice={session.notice} />
    case 'signedIn':
      return <HomePage viewer={session.viewer} onSignOut={signOut} />
  }
}
