import type { OfferOrder, OfferWhereInput } from '../../gql/graphql'
import type { OffersView } from './rules'
import type { OfferStatusName, OffersSearch } from './search'

/**
 * offerWhere builds the offers' `where` from the URL: name search, status (the admin and
 * advertisers), visibility, currency and, for a publisher, where it stands (runnable, to
 * request, requested, rejected). status overrides the URL's (the tab counts use it).
 */
export function offerWhere(search: OffersSearch, view: OffersView, status: OfferStatusName | null | undefined = search.status): OfferWhereInput {
  const and: OfferWhereInput[] = []
  if (search.q) and.push({ nameContainsFold: search.q })
  if (view.statusFilter && status) and.push({ status })
  if (search.visibility) and.push({ visibility: search.visibility })
  if (search.currency) and.push({ currency: search.currency })
  if (view.catalog && search.access) {
    switch (search.access) {
      case 'RUNNABLE':
        and.push({
          status: 'ACTIVE',
          or: [{ visibility: 'PUBLIC' }, { hasAccessesWith: [{ status: 'APPROVED' }] }],
        })
        break
      case 'NEEDS_REQUEST':
        and.push({ visibility: 'APPROVAL_REQUIRED', not: { hasAccesses: true } })
        break
      case 'REQUESTED':
        and.push({ hasAccessesWith: [{ status: 'REQUESTED' }] })
        break
      case 'REJECTED':
        and.push({ hasAccessesWith: [{ status: 'REJECTED' }] })
        break
    }
  }
  if (and.length === 0) return {}
  if (and.length === 1) return and[0] ?? {}
  return { and }
}

/** offerOrder: the catalog by name; the admin's and advertisers' lists newest first. */
export function offerOrder(view: OffersView): OfferOrder {
  return view.catalog ? { field: 'NAME', direction: 'ASC' } : { field: 'CREATED_AT', direction: 'DESC' }
}

/**
 * acceptsCountry reports whether an offer takes traffic from country: it lists it, or lists
 * none (all countries). The API has no filter on allowed countries, so the page applies it to
 * the offers loaded.
 */
export function acceptsCountry(allowed: readonly string[] | null | undefined, country: string | undefined): boolean {
  if (!country) return true
  return !allowed || allowed.length === 0 || allowed.includes(country)
}
