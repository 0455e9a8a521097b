/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConversionsList(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: ConversionWhereInput\n    $orderBy: ConversionOrder\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withPublisher: Boolean!\n  ) {\n    conversions(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          ...ConversionRow\n        }\n      }\n    }\n  }\n\n  fragment ConversionRow on Conversion {\n    id\n    createdAt\n    status\n    cancelReason\n    transactionID\n    amount\n    payout @include(if: $withPayout)\n    revenue @include(if: $withRevenue)\n    currency\n    country\n    offer {\n      id\n      name\n    }\n    goal {\n      id\n      name\n    }\n    publisher @include(if: $withPublisher) {\n      id\n      name\n    }\n  }\n": typeof types.ConversionsListDocument,
    "\n  query ConversionCounts(\n    $pending: ConversionWhereInput!\n    $approved: ConversionWhereInput!\n    $cancelled: ConversionWhereInput!\n    $all: ConversionWhereInput!\n  ) {\n    pending: conversions(first: 0, where: $pending) {\n      totalCount\n    }\n    approved: conversions(first: 0, where: $approved) {\n      totalCount\n    }\n    cancelled: conversions(first: 0, where: $cancelled) {\n      totalCount\n    }\n    all: conversions(first: 0, where: $all) {\n      totalCount\n    }\n  }\n": typeof types.ConversionCountsDocument,
    "\n  query ConversionFilterOptions($withPublishers: Boolean!) {\n    offers(first: 500) {\n      edges {\n        node {\n          id\n          name\n          goals {\n            id\n            name\n          }\n        }\n      }\n    }\n    users(first: 500, where: { role: PUBLISHER }) @include(if: $withPublishers) {\n      edges {\n        node {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": typeof types.ConversionFilterOptionsDocument,
    "\n  query ConversionDetail($id: ID!, $withContact: Boolean!) {\n    node(id: $id) {\n      ... on Conversion {\n        id\n        status\n        click {\n          id\n          createdAt\n          country\n          device\n          os\n          browser\n          site\n          referrer\n          sub1\n          sub2\n          sub3\n          sub4\n          sub5\n        }\n        events {\n          id\n          createdAt\n          fromStatus\n          toStatus\n          actor\n          cancelReason\n          comment\n          user {\n            id\n            name\n          }\n        }\n        contact @include(if: $withContact) {\n          id\n          email\n          phone\n          name\n          country\n        }\n      }\n    }\n  }\n": typeof types.ConversionDetailDocument,
    "\n  mutation ApproveConversions($ids: [ID!]!, $comment: String) {\n    approveConversions(ids: $ids, comment: $comment) {\n      id\n      status\n    }\n  }\n": typeof types.ApproveConversionsDocument,
    "\n  mutation CancelConversions($ids: [ID!]!, $reason: CancelReason, $comment: String) {\n    cancelConversions(ids: $ids, reason: $reason, comment: $comment) {\n      id\n      status\n      cancelReason\n    }\n  }\n": typeof types.CancelConversionsDocument,
    "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n": typeof types.OverviewTotalsDocument,
    "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n": typeof types.OverviewChartDocument,
    "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n": typeof types.OverviewTopOffersDocument,
    "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n": typeof types.OverviewPendingDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  query ConversionsList(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: ConversionWhereInput\n    $orderBy: ConversionOrder\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withPublisher: Boolean!\n  ) {\n    conversions(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          ...ConversionRow\n        }\n      }\n    }\n  }\n\n  fragment ConversionRow on Conversion {\n    id\n    createdAt\n    status\n    cancelReason\n    transactionID\n    amount\n    payout @include(if: $withPayout)\n    revenue @include(if: $withRevenue)\n    currency\n    country\n    offer {\n      id\n      name\n    }\n    goal {\n      id\n      name\n    }\n    publisher @include(if: $withPublisher) {\n      id\n      name\n    }\n  }\n": types.ConversionsListDocument,
    "\n  query ConversionCounts(\n    $pending: ConversionWhereInput!\n    $approved: ConversionWhereInput!\n    $cancelled: ConversionWhereInput!\n    $all: ConversionWhereInput!\n  ) {\n    pending: conversions(first: 0, where: $pending) {\n      totalCount\n    }\n    approved: conversions(first: 0, where: $approved) {\n      totalCount\n    }\n    cancelled: conversions(first: 0, where: $cancelled) {\n      totalCount\n    }\n    all: conversions(first: 0, where: $all) {\n      totalCount\n    }\n  }\n": types.ConversionCountsDocument,
    "\n  query ConversionFilterOptions($withPublishers: Boolean!) {\n    offers(first: 500) {\n      edges {\n        node {\n          id\n          name\n          goals {\n            id\n            name\n          }\n        }\n      }\n    }\n    users(first: 500, where: { role: PUBLISHER }) @include(if: $withPublishers) {\n      edges {\n        node {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": types.ConversionFilterOptionsDocument,
    "\n  query ConversionDetail($id: ID!, $withContact: Boolean!) {\n    node(id: $id) {\n      ... on Conversion {\n        id\n        status\n        click {\n          id\n          createdAt\n          country\n          device\n          os\n          browser\n          site\n          referrer\n          sub1\n          sub2\n          sub3\n          sub4\n          sub5\n        }\n        events {\n          id\n          createdAt\n          fromStatus\n          toStatus\n          actor\n          cancelReason\n          comment\n          user {\n            id\n            name\n          }\n        }\n        contact @include(if: $withContact) {\n          id\n          email\n          phone\n          name\n          country\n        }\n      }\n    }\n  }\n": types.ConversionDetailDocument,
    "\n  mutation ApproveConversions($ids: [ID!]!, $comment: String) {\n    approveConversions(ids: $ids, comment: $comment) {\n      id\n      status\n    }\n  }\n": types.ApproveConversionsDocument,
    "\n  mutation CancelConversions($ids: [ID!]!, $reason: CancelReason, $comment: String) {\n    cancelConversions(ids: $ids, reason: $reason, comment: $comment) {\n      id\n      status\n      cancelReason\n    }\n  }\n": types.CancelConversionsDocument,
    "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n": types.OverviewTotalsDocument,
    "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n": types.OverviewChartDocument,
    "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n": types.OverviewTopOffersDocument,
    "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n": types.OverviewPendingDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversionsList(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: ConversionWhereInput\n    $orderBy: ConversionOrder\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withPublisher: Boolean!\n  ) {\n    conversions(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          ...ConversionRow\n        }\n      }\n    }\n  }\n\n  fragment ConversionRow on Conversion {\n    id\n    createdAt\n    status\n    cancelReason\n    transactionID\n    amount\n    payout @include(if: $withPayout)\n    revenue @include(if: $withRevenue)\n    currency\n    country\n    offer {\n      id\n      name\n    }\n    goal {\n      id\n      name\n    }\n    publisher @include(if: $withPublisher) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ConversionsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversionCounts(\n    $pending: ConversionWhereInput!\n    $approved: ConversionWhereInput!\n    $cancelled: ConversionWhereInput!\n    $all: ConversionWhereInput!\n  ) {\n    pending: conversions(first: 0, where: $pending) {\n      totalCount\n    }\n    approved: conversions(first: 0, where: $approved) {\n      totalCount\n    }\n    cancelled: conversions(first: 0, where: $cancelled) {\n      totalCount\n    }\n    all: conversions(first: 0, where: $all) {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').ConversionCountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversionFilterOptions($withPublishers: Boolean!) {\n    offers(first: 500) {\n      edges {\n        node {\n          id\n          name\n          goals {\n            id\n            name\n          }\n        }\n      }\n    }\n    users(first: 500, where: { role: PUBLISHER }) @include(if: $withPublishers) {\n      edges {\n        node {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConversionFilterOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversionDetail($id: ID!, $withContact: Boolean!) {\n    node(id: $id) {\n      ... on Conversion {\n        id\n        status\n        click {\n          id\n          createdAt\n          country\n          device\n          os\n          browser\n          site\n          referrer\n          sub1\n          sub2\n          sub3\n          sub4\n          sub5\n        }\n        events {\n          id\n          createdAt\n          fromStatus\n          toStatus\n          actor\n          cancelReason\n          comment\n          user {\n            id\n            name\n          }\n        }\n        contact @include(if: $withContact) {\n          id\n          email\n          phone\n          name\n          country\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConversionDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveConversions($ids: [ID!]!, $comment: String) {\n    approveConversions(ids: $ids, comment: $comment) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ApproveConversionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelConversions($ids: [ID!]!, $reason: CancelReason, $comment: String) {\n    cancelConversions(ids: $ids, reason: $reason, comment: $comment) {\n      id\n      status\n      cancelReason\n    }\n  }\n"): typeof import('./graphql').CancelConversionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n"): typeof import('./graphql').OverviewTotalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n"): typeof import('./graphql').OverviewChartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n"): typeof import('./graphql').OverviewTopOffersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').OverviewPendingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').MeDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
