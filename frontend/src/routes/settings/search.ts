import { z } from 'zod'
import type { Role } from '../../session/session'

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

/**
 * sectionsFor returns the tabs role may use, as the API allows them: the network's settings are
 * the admin's (updateSettings), the postback key an advertiser's (rotatePostbackKey), the signing
 * secret a publisher's (rotatePostbackSecret); profile and API tokens are everyone's.
 */
export function sectionsFor(role: Role): Section[] {
  switch (role) {
    case 'ADMIN':
      return ['network', 'profile', 'tokens']
    case 'ADVERTISER':
      return ['profile', 'tokens', 'postback-key']
    case 'PUBLISHER':
      return ['profile', 'tokens', 'postback-secret']
  }
  return ['profile', 'tokens']
}

/** sectionShown is the tab role sees for the URL's section: the asked one when it may, else its first. */
export function sectionShown(role: Role, asked: Section | undefined): Section {
  const mine = sectionsFor(role)
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
