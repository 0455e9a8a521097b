import type { Role } from '../session/session'
import type { Permissions, StatDimension } from '../session/permissions'

const dimensions: StatDimension[] = [
  'DATE', 'HOUR', 'OFFER', 'GOAL', 'FLOW', 'PUBLISHER', 'ADVERTISER', 'LANDING', 'SITE', 'COUNTRY', 'DEVICE', 'SUB1', 'SUB2', 'SUB3', 'SUB4', 'SUB5',
]

/**
 * PERMISSIONS are test fixtures: the `me { permissions }` the server answers each role
 * (SPEC §6 money by role; internal/rule.Can). The dashboard itself never maps roles to rights.
 */
export const PERMISSIONS: Record<Role, Permissions> = {
  ADMIN: {
    money: ['PAYOUT', 'REVENUE', 'PROFIT'],
    actions: [
      'CREATE_OFFER', 'APPROVE_CONVERSION', 'CANCEL_CONVERSION', 'READ_CONTACTS', 'PAY_WITHDRAWAL', 'REJECT_WITHDRAWAL',
      'MANAGE_POSTBACKS', 'MANAGE_USERS', 'UPDATE_SETTINGS',
    ],
    statDimensions: dimensions,
  },
  ADVERTISER: {
    money: ['REVENUE'],
    actions: ['CREATE_OFFER', 'APPROVE_CONVERSION', 'CANCEL_CONVERSION', 'READ_CONTACTS'],
    statDimensions: dimensions.filter((d) => d !== 'PUBLISHER'),
  },
  PUBLISHER: {
    money: ['PAYOUT'],
    actions: ['REQUEST_WITHDRAWAL', 'MANAGE_POSTBACKS'],
    statDimensions: dimensions.filter((d) => d !== 'ADVERTISER'),
  },
}
