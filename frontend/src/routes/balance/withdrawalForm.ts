import { z } from 'zod'
import { toMinorUnits } from '../../format/money'

/** currencyDecimals is how many decimals an amount in currency may have (JPY none, most two). */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

export interface WithdrawalLimits {
  /** minimum is the network's minimum withdrawal (settings.minWithdrawal), a Decimal string. */
  minimum: string
  /** credits is the publisher's credit per currency, Decimal strings. */
  credits: Readonly<Record<string, string>>
  /** format writes an amount in a currency for the messages. */
  format: (value: string, currency: string) => string
}

const AMOUNT = /^\d+(\.\d+)?$/

/**
 * withdrawalSchema validates the withdrawal form against the network's minimum and the
 * publisher's credit in the chosen currency, with every error in words. Amounts are compared as
 * BigInt minor units, never as floats.
 */
export function withdrawalSchema({ minimum, credits, format }: WithdrawalLimits) {
  return z
    .object({
      currency: z.string().min(1, 'Choose a currency.'),
      amount: z.string().trim().min(1, 'Enter an amount.'),
      details: z.string().trim().min(1, 'Say where to send the money (e.g. an IBAN or a PayPal address).').max(1000, 'Keep the details under 1,000 characters.'),
    })
    .superRefine((v, ctx) => {
      const amount = v.amount.replace(/\s/g, '')
      if (!AMOUNT.test(amount)) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter the amount as a number, like 150.00.' })
        return
      }
      const decimals = currencyDecimals(v.currency)
      const fraction = amount.split('.')[1] ?? ''
      if (fraction.replace(/0+$/, '').length > decimals) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: decimals === 0 ? `${v.currency} amounts are whole numbers.` : `Use at most ${String(decimals)} decimals.`,
        })
        return
      }
      const units = toMinorUnits(amount)
      if (units <= 0n) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'The amount must be more than zero.' })
        return
      }
      if (units < toMinorUnits(minimum)) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: `The minimum withdrawal is ${format(minimum, v.currency)}.`,
        })
        return
      }
      const credit = credits[v.currency]
      if (credit !== undefined && units > toMinorUnits(credit)) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: `That is more than your credit of ${format(credit, v.currency)}.`,
        })
      }
    })
}

export type WithdrawalFormValues = z.infer<ReturnType<typeof withdrawalSchema>>
