import { z } from 'zod'
import { can } from '../../session/permissions'
import type { Viewer } from '../../session/session'

/** SECTIONS are the Settings page's tabs, in the order the page shows them. */
export const SECTIONS = ['network', 'profile', 'tokens', 'postback-key', 'postback-secret'] as const
export type Section = (typeof SECTIONS)[number]

/** SECTION_LABELS name each tab. */
export const SECTION_LABELS: Record<Section, string> = {
  network: 'Network',
  profile: 'Profile',
  tokens: 'API tokens',
  'postback-key': 'Postback key',
  'postback-secret': 'Postback secret',
}

/** SettingsViewer is what the Settings page needs to know of the viewer. */
export type SettingsViewer = Pick<Viewer, 'role' | 'permissions'>

/**
 * sectionsFor returns the tabs the viewer may use: the network's settings to who may change them
 * (UPDATE_SETTINGS); profile and API tokens are everyone's; the postback key is an advertiser
 * account's own and the signing secret a publisher account's own (what the account has, not a
 * permission: rotatePostbackKey and rotatePostbackSecret act on the viewer's own).
 */
export function sectionsFor(viewer: SettingsViewer): Section[] {
  return [
    ...(can(viewer.permissions, 'UPDATE_SETTINGS') ? (['network'] as const) : []),
    'profile',
    'tokens',
    ...(viewer.role === 'ADVERTISER' ? (['postback-key'] as const) : []),
    ...(viewer.role === 'PUBLISHER' ? (['postback-secret'] as const) : []),
  ]
}

/** sectionShown is the tab the viewer sees for the URL's section: the asked one when it may, else its first. */
export function sectionShown(viewer: SettingsViewer, asked: Section | undefined): Section {
  const mine = sectionsFor(viewer)
  return asked !== undefined && mine.includes(asked) ? asked : (mine[0] ?? 'profile')
}

/**
 * settingsSearchSchema validates /settings: `?section=tokens&revoked=true`. section is the tab;
 * revoked also lists revoked and expired API tokens. A value that does not parse is dropped.
 */
export const settingsSearchSchema = z.object({
  section: z.enum(SECTIONS).optional().catch(undefined),
  revoked: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional()
    .catch(undefined),
})

export type SettingsSearch = z.infer<typeof settingsSearchSchema>
