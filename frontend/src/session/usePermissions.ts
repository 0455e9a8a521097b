import type { Permissions } from './permissions'
import { useViewer } from './useViewer'

/** usePermissions returns what the signed-in viewer may see and do. Only for pages under the signed-in layout. */
export function usePermissions(): Permissions {
  return useViewer().permissions
}
