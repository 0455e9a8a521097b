import { useSyncExternalStore } from 'react'
import { session, type Viewer } from './session'

// lastViewer lets a page finish its last render while the session ends and the router
// moves to the sign-in page.
let lastViewer: Viewer | null = null

function snapshot(): Viewer | null {
  const viewer = session.viewer()
  if (viewer) lastViewer = viewer
  return viewer ?? lastViewer
}

/** useViewer returns the signed-in viewer. Only for pages under the signed-in layout. */
export function useViewer(): Viewer {
  const viewer = useSyncExternalStore(session.subscribe, snapshot)
  if (!viewer) throw new Error('useViewer outside a signed-in page')
  return viewer
}
