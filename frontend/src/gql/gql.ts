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
    "\n  query PublisherBalance {\n    balances {\n      currency\n      credit\n      pendingCredit\n    }\n    settings {\n      minWithdrawal\n    }\n  }\n": typeof types.PublisherBalanceDocument,
    "\n  query BalancePendingConversions($first: Int!) {\n    conversions(where: { status: PENDING }, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          createdAt\n          payout\n          currency\n          offer {\n            id\n            name\n          }\n          goal {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.BalancePendingConversionsDocument,
    "\n  query LedgerPage(\n    $where: LedgerEntryWhereInput\n    $first: Int!\n    $after: Cursor\n    $mine: Boolean!\n    $theirs: Boolean!\n    $publisherWhere: UserWhereInput\n  ) {\n    balances @include(if: $mine) {\n      currency\n      credit\n      pendingCredit\n    }\n    users(where: $publisherWhere, first: 1) @include(if: $theirs) {\n      edges {\n        node {\n          id\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n    ledgerEntries(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          account\n          currency\n          amount\n          reason\n        }\n      }\n    }\n  }\n": typeof types.LedgerPageDocument,
    "\n  query BalanceWithdrawals($where: WithdrawalWhereInput, $first: Int!, $after: Cursor, $withPublisher: Boolean!) {\n    withdrawals(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          processedAt\n          status\n          currency\n          amount\n          details\n          comment\n          publisher @include(if: $withPublisher) {\n            id\n            email\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.BalanceWithdrawalsDocument,
    "\n  query PublishersBalances($where: UserWhereInput, $first: Int!) {\n    users(where: $where, first: $first, orderBy: { field: EMAIL, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          name\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n  }\n": typeof types.PublishersBalancesDocument,
    "\n  mutation RequestWithdrawal($currency: String!, $amount: Decimal!, $details: String) {\n    requestWithdrawal(currency: $currency, amount: $amount, details: $details) {\n      id\n      status\n    }\n  }\n": typeof types.RequestWithdrawalDocument,
    "\n  mutation PayWithdrawal($id: ID!, $comment: String) {\n    payWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": typeof types.PayWithdrawalDocument,
    "\n  mutation RejectWithdrawal($id: ID!, $comment: String) {\n    rejectWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": typeof types.RejectWithdrawalDocument,
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
    "\n  query NetworkSettings {\n    settings {\n      holdNewOffersByDefault\n      defaultTrafficbackURL\n      minWithdrawal\n      requirePublisherApproval\n      postbackRawTransactionID\n    }\n  }\n": typeof types.NetworkSettingsDocument,
    "\n  mutation UpdateNetworkSettings($input: UpdateSettingsInput!) {\n    updateSettings(input: $input) {\n      holdNewOffersByDefault\n      defaultTrafficbackURL\n      minWithdrawal\n      requirePublisherApproval\n      postbackRawTransactionID\n    }\n  }\n": typeof types.UpdateNetworkSettingsDocument,
    "\n  query SettingsProfile {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": typeof types.SettingsProfileDocument,
    "\n  mutation UpdateOwnProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      email\n      name\n      role\n    }\n  }\n": typeof types.UpdateOwnProfileDocument,
    "\n  mutation ChangeOwnPassword($oldPassword: String!, $newPassword: String!) {\n    changePassword(oldPassword: $oldPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangeOwnPasswordDocument,
    "\n  query SettingsApiTokens($where: APITokenWhereInput, $first: Int!) {\n    apiTokens(where: $where, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          createdAt\n          lastUsedAt\n          expiresAt\n          revokedAt\n        }\n      }\n    }\n  }\n": typeof types.SettingsApiTokensDocument,
    "\n  mutation CreateOwnApiToken($input: CreateAPITokenInput!) {\n    createAPIToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        prefix\n        createdAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateOwnApiTokenDocument,
    "\n  mutation RevokeOwnApiToken($id: ID!) {\n    revokeAPIToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeOwnApiTokenDocument,
    "\n  query SettingsPostbackKey {\n    me {\n      id\n      postbackKey\n      postbackURL\n    }\n  }\n": typeof types.SettingsPostbackKeyDocument,
    "\n  mutation RotateOwnPostbackKey {\n    rotatePostbackKey\n  }\n": typeof types.RotateOwnPostbackKeyDocument,
    "\n  query SettingsPostbackSecret {\n    me {\n      id\n      postbackSecret\n    }\n  }\n": typeof types.SettingsPostbackSecretDocument,
    "\n  mutation RotateOwnPostbackSecret {\n    rotatePostbackSecret\n  }\n": typeof types.RotateOwnPostbackSecretDocument,
    "\n  query StatisticsReport(\n    $groupBy: [StatDimension!]!\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $orderBy: StatOrder\n    $limit: Int!\n    $offset: Int!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    statistics(\n      groupBy: $groupBy\n      filter: $filter\n      timezone: $timezone\n      dateBasis: $dateBasis\n      orderBy: $orderBy\n      limit: $limit\n      offset: $offset\n    ) {\n      rows {\n        ...StatisticsRow\n      }\n      totals {\n        ...StatisticsRow\n      }\n      totalsByCurrency {\n        ...StatisticsRow\n      }\n      totalRows\n    }\n  }\n\n  fragment StatisticsRow on StatRow {\n    date\n    hour\n    offerID\n    offerName\n    goalID\n    goal\n    flowID\n    publisherID\n    advertiserID\n    landingID\n    site\n    country\n    device\n    sub1\n    sub2\n    sub3\n    sub4\n    sub5\n    currency\n    clicks\n    uniqueClicks\n    conversions\n    pending\n    approved\n    cancelled\n    cr\n    epc @include(if: $withPayout)\n    payout @include(if: $withPayout)\n    pendingPayout @include(if: $withPayout)\n    revenue @include(if: $withRevenue)\n    profit @include(if: $withProfit)\n  }\n": typeof types.StatisticsReportDocument,
    "\n  query StatisticsChart(\n    $filter: StatFilter!\n    $timezone: String!\n    $dateBasis: DateBasis!\n    $withPayout: Boolean!\n    $withRevenue: Boolean!\n    $withProfit: Boolean!\n  ) {\n    # 400 days × a few currencies; the API's cost limit counts limit × fields.\n    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, dateBasis: $dateBasis, limit: 2000) {\n      rows {\n        date\n        currency\n        clicks\n        uniqueClicks\n        conversions\n        pending\n        approved\n        cancelled\n        payout @include(if: $withPayout)\n        pendingPayout @include(if: $withPayout)\n        revenue @include(if: $withRevenue)\n        profit @include(if: $withProfit)\n      }\n    }\n  }\n": typeof types.StatisticsChartDocument,
    "\n  query StatisticsOffers {\n    offers(first: 1000, orderBy: { field: NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          currency\n        }\n      }\n    }\n  }\n": typeof types.StatisticsOffersDocument,
    "\n  query StatisticsFlows {\n    flows(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          code\n        }\n      }\n    }\n  }\n": typeof types.StatisticsFlowsDocument,
    "\n  query StatisticsUsers {\n    users(first: 1000) {\n      edges {\n        node {\n          id\n          name\n          email\n          role\n        }\n      }\n    }\n  }\n": typeof types.StatisticsUsersDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      user {\n        id\n        email\n        name\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  query PublisherBalance {\n    balances {\n      currency\n      credit\n      pendingCredit\n    }\n    settings {\n      minWithdrawal\n    }\n  }\n": types.PublisherBalanceDocument,
    "\n  query BalancePendingConversions($first: Int!) {\n    conversions(where: { status: PENDING }, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          createdAt\n          payout\n          currency\n          offer {\n            id\n            name\n          }\n          goal {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.BalancePendingConversionsDocument,
    "\n  query LedgerPage(\n    $where: LedgerEntryWhereInput\n    $first: Int!\n    $after: Cursor\n    $mine: Boolean!\n    $theirs: Boolean!\n    $publisherWhere: UserWhereInput\n  ) {\n    balances @include(if: $mine) {\n      currency\n      credit\n      pendingCredit\n    }\n    users(where: $publisherWhere, first: 1) @include(if: $theirs) {\n      edges {\n        node {\n          id\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n    ledgerEntries(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          account\n          currency\n          amount\n          reason\n        }\n      }\n    }\n  }\n": types.LedgerPageDocument,
    "\n  query BalanceWithdrawals($where: WithdrawalWhereInput, $first: Int!, $after: Cursor, $withPublisher: Boolean!) {\n    withdrawals(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          processedAt\n          status\n          currency\n          amount\n          details\n          comment\n          publisher @include(if: $withPublisher) {\n            id\n            email\n            name\n          }\n        }\n      }\n    }\n  }\n": types.BalanceWithdrawalsDocument,
    "\n  query PublishersBalances($where: UserWhereInput, $first: Int!) {\n    users(where: $where, first: $first, orderBy: { field: EMAIL, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          name\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n  }\n": types.PublishersBalancesDocument,
    "\n  mutation RequestWithdrawal($currency: String!, $amount: Decimal!, $details: String) {\n    requestWithdrawal(currency: $currency, amount: $amount, details: $details) {\n      id\n      status\n    }\n  }\n": types.RequestWithdrawalDocument,
    "\n  mutation PayWithdrawal($id: ID!, $comment: String) {\n    payWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": types.PayWithdrawalDocument,
    "\n  mutation RejectWithdrawal($id: ID!, $comment: String) {\n    rejectWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n": types.RejectWithdrawalDocument,
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
    "\n  query NetworkSettings {\n    settings {\n      holdNewOffersByDefault\n      defaultTrafficbackURL\n      minWithdrawal\n      requirePublisherApproval\n      postbackRawTransactionID\n    }\n  }\n": types.NetworkSettingsDocument,
    "\n  mutation UpdateNetworkSettings($input: UpdateSettingsInput!) {\n    updateSettings(input: $input) {\n      holdNewOffersByDefault\n      defaultTrafficbackURL\n      minWithdrawal\n      requirePublisherApproval\n      postbackRawTransactionID\n    }\n  }\n": types.UpdateNetworkSettingsDocument,
    "\n  query SettingsProfile {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n": types.SettingsProfileDocument,
    "\n  mutation UpdateOwnProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      email\n      name\n      role\n    }\n  }\n": types.UpdateOwnProfileDocument,
    "\n  mutation ChangeOwnPassword($oldPassword: String!, $newPassword: String!) {\n    changePassword(oldPassword: $oldPassword, newPassword: $newPassword)\n  }\n": types.ChangeOwnPasswordDocument,
    "\n  query SettingsApiTokens($where: APITokenWhereInput, $first: Int!) {\n    apiTokens(where: $where, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          createdAt\n          lastUsedAt\n          expiresAt\n          revokedAt\n        }\n      }\n    }\n  }\n": types.SettingsApiTokensDocument,
    "\n  mutation CreateOwnApiToken($input: CreateAPITokenInput!) {\n    createAPIToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        prefix\n        createdAt\n        expiresAt\n      }\n    }\n  }\n": types.CreateOwnApiTokenDocument,
    "\n  mutation RevokeOwnApiToken($id: ID!) {\n    revokeAPIToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeOwnApiTokenDocument,
    "\n  query SettingsPostbackKey {\n    me {\n      id\n      postbackKey\n      postbackURL\n    }\n  }\n": types.SettingsPostbackKeyDocument,
    "\n  mutation RotateOwnPostbackKey {\n    rotatePostbackKey\n  }\n": types.RotateOwnPostbackKeyDocument,
    "\n  query SettingsPostbackSecret {\n    me {\n      id\n      postbackSecret\n    }\n  }\n": types.SettingsPostbackSecretDocument,
    "\n  mutation RotateOwnPostbackSecret {\n    rotatePostbackSecret\n  }\n": types.RotateOwnPostbackSecretDocument,
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
export function graphql(source: "\n  query PublisherBalance {\n    balances {\n      currency\n      credit\n      pendingCredit\n    }\n    settings {\n      minWithdrawal\n    }\n  }\n"): typeof import('./graphql').PublisherBalanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BalancePendingConversions($first: Int!) {\n    conversions(where: { status: PENDING }, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          createdAt\n          payout\n          currency\n          offer {\n            id\n            name\n          }\n          goal {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BalancePendingConversionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LedgerPage(\n    $where: LedgerEntryWhereInput\n    $first: Int!\n    $after: Cursor\n    $mine: Boolean!\n    $theirs: Boolean!\n    $publisherWhere: UserWhereInput\n  ) {\n    balances @include(if: $mine) {\n      currency\n      credit\n      pendingCredit\n    }\n    users(where: $publisherWhere, first: 1) @include(if: $theirs) {\n      edges {\n        node {\n          id\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n    ledgerEntries(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          account\n          currency\n          amount\n          reason\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LedgerPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BalanceWithdrawals($where: WithdrawalWhereInput, $first: Int!, $after: Cursor, $withPublisher: Boolean!) {\n    withdrawals(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          createdAt\n          processedAt\n          status\n          currency\n          amount\n          details\n          comment\n          publisher @include(if: $withPublisher) {\n            id\n            email\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BalanceWithdrawalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishersBalances($where: UserWhereInput, $first: Int!) {\n    users(where: $where, first: $first, orderBy: { field: EMAIL, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          id\n          email\n          name\n          balances {\n            currency\n            credit\n            pendingCredit\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PublishersBalancesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestWithdrawal($currency: String!, $amount: Decimal!, $details: String) {\n    requestWithdrawal(currency: $currency, amount: $amount, details: $details) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RequestWithdrawalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayWithdrawal($id: ID!, $comment: String) {\n    payWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').PayWithdrawalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectWithdrawal($id: ID!, $comment: String) {\n    rejectWithdrawal(id: $id, comment: $comment) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RejectWithdrawalDocument;
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
export function graphql(source: "\n  query NetworkSettings {\n    settings {\n      holdNewOffersByDefault\n      defaultTrafficbackURL\n      minWithdrawal\n      requirePublisherApproval\n      postbackRawTransactionID\n    }\n  }\n"): typeof import('./graphql').NetworkSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNetworkSettings($input: UpdateSettingsInput!) {\n    updateSettings(input: $input) {\n      holdNewOffersByDefault\n      defaultTrafficbackURL\n      minWithdrawal\n      requirePublisherApproval\n      postbackRawTransactionID\n    }\n  }\n"): typeof import('./graphql').UpdateNetworkSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsProfile {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').SettingsProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOwnProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      email\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').UpdateOwnProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeOwnPassword($oldPassword: String!, $newPassword: String!) {\n    changePassword(oldPassword: $oldPassword, newPassword: $newPassword)\n  }\n"): typeof import('./graphql').ChangeOwnPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsApiTokens($where: APITokenWhereInput, $first: Int!) {\n    apiTokens(where: $where, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          prefix\n          createdAt\n          lastUsedAt\n          expiresAt\n          revokedAt\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SettingsApiTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOwnApiToken($input: CreateAPITokenInput!) {\n    createAPIToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        prefix\n        createdAt\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql').CreateOwnApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOwnApiToken($id: ID!) {\n    revokeAPIToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').RevokeOwnApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsPostbackKey {\n    me {\n      id\n      postbackKey\n      postbackURL\n    }\n  }\n"): typeof import('./graphql').SettingsPostbackKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateOwnPostbackKey {\n    rotatePostbackKey\n  }\n"): typeof import('./graphql').RotateOwnPostbackKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsPostbackSecret {\n    me {\n      id\n      postbackSecret\n    }\n  }\n"): typeof import('./graphql').SettingsPostbackSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateOwnPostbackSecret {\n    rotatePostbackSecret\n  }\n"): typeof import('./graphql').RotateOwnPostbackSecretDocument;
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
