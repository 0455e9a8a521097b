import type { Viewer } from '../../session/useSession'
import './HomePage.css'

interface HomePageProps {
  viewer: Viewer
  onSignOut: () => void
}

/** HomePage is the signed-in shell of the dashboard. */
export function HomePage({ viewer, onSignOut }: HomePageProps) {
  return (
    <div className="home">
      <header className="home__bar">
        <strong>cpanet</strong>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main className="home__main">
        <p>
          Signed in as <strong data-testid="email">{viewer.email}</strong>
        </p>
        <p>
          {viewer.name} · <span data-testid="role">{viewer.role}</span>
        </p>
      </main>
    </div>
  )
}
