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
    "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n": typeof types.OverviewTotalsDocument,
    "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n": typeof types.OverviewChartDocument,
    "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n": typeof types.OverviewTopOffersDocument,
    "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n": typeof types.OverviewPendingDocument,
    "\n  query StatisticsReport(\n    $groupBy: [StatDimension!]!\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $orderBy: StatOrder\n    $limit: Int!\n    $offset: Int!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    statistics(\n      groupBy: $groupBy\n      filter: $filter\n      timezone: $timezone\n      dateBasis: $dateBasis\n      orderBy: $orderBy\n      limit: $limit\n      offset: $offset\n    ) {\n      rows {\n        ...StatisticsRow\n      }\n      totals {\n        ...StatisticsRow\n      }\n      totalsByCurrency {\n        ...StatisticsRow\n      }\n      totalRows\n    }\n  }\n\n  fragment StatisticsRow on StatRow {\n    date\n    hour\n    offerID\n    offerName\n    goalID\n    goal\n    flowID\n    publisherID\n    advertiserID\n    landingID\n    site\n    country\n    device\n    sub1\n    sub2\n    sub3\n    sub4\n    sub5\n    currency\n    clicks\n    uniqueClicks\n    conversions\n    pending\n    approved\n    cancelled\n    cr\n    epc @include(if: $withPayout)\n    payout @include(if: $withPayout)\n    pendingPayout @include(if: $withPayout)\n    revenue @include(if: $withRevenue)\n    profit @include(if: $withProfit)\n  }\n": typeof types.StatisticsReportDocument,
    "\n  query StatisticsChart(\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    # 400 days × a few currencies; the API's cost limit counts limit × fields.\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, dateBasis: $dateBasis, limit: 2000) {\n      rows {\n        date\n        currency\n        clicks\n        uniqueClicks\n        conversions\n        pending\n        approved\n        cancelled\n        payout @include(if: $withPayout)\n        pendingPayout @include(if: $withPayout)\n        revenue @include(if: $withRevenue)\n        profit @include(if: $withProfit)\n      }\n    }\n  }\n": typeof types.StatisticsChartDocument,
    "\n  query StatisticsOffers {\n    offers(first: 1000, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          currency\n        }\n      }\n    }\n  }\n": typeof types.StatisticsOffersDocument,
    "\n  query StatisticsFlows {\n    flows(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          code\n        }\n      }\n    }\n  }\n": typeof types.StatisticsFlowsDocument,
    "\n  query StatisticsUsers {\n    users(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          email\n          role\n        }\n      }\n    }\n  }\n": typeof types.StatisticsUsersDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  query OverviewTotals(\n    $today: StatFilter!\n    $yesterday: StatFilter!\n    $last7: StatFilter!\n    $month: StatFilter!\n    $timezone: String!\n  ) {\n    today: statistics(groupBy: [], filter: $today, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n    month: statistics(groupBy: [], filter: $month, timezone: $timezone) {\n      ...OverviewPeriod\n    }\n  }\n\n  fragment OverviewPeriod on StatReport {\n    totals {\n      clicks\n      conversions\n      pending\n      cr\n    }\n    totalsByCurrency {\n      ...OverviewMoney\n    }\n  }\n\n  fragment OverviewMoney on StatRow {\n    currency\n    clicks\n    conversions\n    pending\n    epc\n    payout\n    pendingPayout\n    revenue\n    profit\n  }\n": types.OverviewTotalsDocument,
    "\n  query OverviewChart($filter: StatFilter!, $timezone: String!) {\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {\n      rows {\n        date\n        currency\n        clicks\n        conversions\n      }\n    }\n  }\n": types.OverviewChartDocument,
    "\n  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {\n    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {\n      rows {\n        offerID\n        offerName\n        currency\n        clicks\n        conversions\n        cr\n        epc\n        payout\n        revenue\n        profit\n      }\n    }\n  }\n": types.OverviewTopOffersDocument,
    "\n  query OverviewPending {\n    conversions(where: { status: PENDING }) {\n      totalCount\n    }\n  }\n": types.OverviewPendingDocument,
    "\n  query StatisticsReport(\n    $groupBy: [StatDimension!]!\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $orderBy: StatOrder\n    $limit: Int!\n    $offset: Int!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    statistics(\n      groupBy: $groupBy\n      filter: $filter\n      timezone: $timezone\n      dateBasis: $dateBasis\n      orderBy: $orderBy\n      limit: $limit\n      offset: $offset\n    ) {\n      rows {\n        ...StatisticsRow\n      }\n      totals {\n        ...StatisticsRow\n      }\n      totalsByCurrency {\n        ...StatisticsRow\n      }\n      totalRows\n    }\n  }\n\n  fragment StatisticsRow on StatRow {\n    date\n    hour\n    offerID\n    offerName\n    goalID\n    goal\n    flowID\n    publisherID\n    advertiserID\n    landingID\n    site\n    country\n    device\n    sub1\n    sub2\n    sub3\n    sub4\n    sub5\n    currency\n    clicks\n    uniqueClicks\n    conversions\n    pending\n    approved\n    cancelled\n    cr\n    epc @include(if: $withPayout)\n    payout @include(if: $withPayout)\n    pendingPayout @include(if: $withPayout)\n    revenue @include(if: $withRevenue)\n    profit @include(if: $withProfit)\n  }\n": types.StatisticsReportDocument,
    "\n  query StatisticsChart(\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    # 400 days × a few currencies; the API's cost limit counts limit × fields.\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, dateBasis: $dateBasis, limit: 2000) {\n      rows {\n        date\n        currency\n        clicks\n        uniqueClicks\n        conversions\n        pending\n        approved\n        cancelled\n        payout @include(if: $withPayout)\n        pendingPayout @include(if: $withPayout)\n        revenue @include(if: $withRevenue)\n        profit @include(if: $withProfit)\n      }\n    }\n  }\n": types.StatisticsChartDocument,
    "\n  query StatisticsOffers {\n    offers(first: 1000, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          currency\n        }\n      }\n    }\n  }\n": types.StatisticsOffersDocument,
    "\n  query StatisticsFlows {\n    flows(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          code\n        }\n      }\n    }\n  }\n": types.StatisticsFlowsDocument,
    "\n  query StatisticsUsers {\n    users(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          email\n          role\n        }\n      }\n    }\n  }\n": types.StatisticsUsersDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": types.MeDocument,
};

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
export function graphql(source: "\n  query StatisticsReport(\n    $groupBy: [StatDimension!]!\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $orderBy: StatOrder\n    $limit: Int!\n    $offset: Int!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    statistics(\n      groupBy: $groupBy\n      filter: $filter\n      timezone: $timezone\n      dateBasis: $dateBasis\n      orderBy: $orderBy\n      limit: $limit\n      offset: $offset\n    ) {\n      rows {\n        ...StatisticsRow\n      }\n      totals {\n        ...StatisticsRow\n      }\n      totalsByCurrency {\n        ...StatisticsRow\n      }\n      totalRows\n    }\n  }\n\n  fragment StatisticsRow on StatRow {\n    date\n    hour\n    offerID\n    offerName\n    goalID\n    goal\n    flowID\n    publisherID\n    advertiserID\n    landingID\n    site\n    country\n    device\n    sub1\n    sub2\n    sub3\n    sub4\n    sub5\n    currency\n    clicks\n    uniqueClicks\n    conversions\n    pending\n    approved\n    cancelled\n    cr\n    epc @include(if: $withPayout)\n    payout @include(if: $withPayout)\n    pendingPayout @include(if: $withPayout)\n    revenue @include(if: $withRevenue)\n    profit @include(if: $withProfit)\n  }\n"): typeof import('./graphql').StatisticsReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatisticsChart(\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    # 400 days × a few currencies; the API's cost limit counts limit × fields.\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, dateBasis: $dateBasis, limit: 2000) {\n      rows {\n        date\n        currency\n        clicks\n        uniqueClicks\n        conversions\n        pending\n        approved\n        cancelled\n        payout @include(if: $withPayout)\n        pendingPayout @include(if: $withPayout)\n        revenue @include(if: $withRevenue)\n        profit @include(if: $withProfit)\n      }\n    }\n  }\n"): typeof import('./graphql').StatisticsChartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatisticsOffers {\n    offers(first: 1000, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          currency\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StatisticsOffersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatisticsFlows {\n    flows(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          code\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StatisticsFlowsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatisticsUsers {\n    users(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          email\n          role\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StatisticsUsersDocument;
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
