import type { Route } from 'next';
import Link from 'next/link';
import { ActionRow } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { DataTable } from '@/components/ui/data-table';
import { formatDate } from '@/components/ui/format';
import { RowsSkeleton, WidgetFrame } from '@/components/ui/widget-frame';
import { requireViewer } from '@/lib/auth/viewer';
import { dealerCodesRead, farmerAnalysesRead, getSubscription, messagesRead, sponsorAnalysesRead, sponsorCodesRead, sponsorRolesRead, sponsorTeamRead, unreadCountRead } from '@/lib/sponsors/queries';
import { CROP_TYPES, codeFilterSchema, decodeCursor } from '@/lib/sponsors/schemas';
import { CODE_TIERS, MEMBER_ROLES, type CodeFilter } from '@/lib/sponsors/types';
import type { FormState } from '@/lib/validation';
import { ActionForm, type FormAction } from './action-form';
import { CODE_STATUS_NAMES, ROLE_NAMES, TIER_NAMES, count, cropName } from './format';
import { AnalysesTable, CodesTable, MessagesList, Pager } from './lists';
import { SponsorHeader, sponsorAccessOf } from './sponsor-header';

/*
 * The widgets of the Sponsors pages other than the analytics: content only, each in a WidgetFrame
 * of fixed size placed by its page component here. Server actions come in as props from the page
 * (components never import app/).
 */

type Search = Promise<Record<string, string | string[] | undefined>>;
type BoundFormAction<A> = (bound: A, previous: FormState<never>, formData: FormData) => Promise<FormState<unknown>>;
type RowAction = (id: string) => Promise<FormState<unknown>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
/** The page's cursor, or null for the first page (one that does not decode shows the first page). */
const cursorOf = async (search: Search) => {
  const cursor = first((await search).cursor) ?? null;
  return decodeCursor(cursor) ? cursor : null;
};

// ---------------------------------------------------------------------------------------------
// /sponsors: what the viewer is, as sponsor member, dealer and farmer

export function SponsorsHub() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Sponsors</h1>
      <div className="grid gap-6 lg:grid-cols-3">
        <WidgetFrame size="h-64" label="Your subscription" skeleton={<RowsSkeleton rows={5} />}>
          <HubFarmer />
        </WidgetFrame>
        <WidgetFrame size="h-64" label="Your sponsors" scroll skeleton={<RowsSkeleton rows={5} />}>
          <HubSponsors />
        </WidgetFrame>
        <WidgetFrame size="h-64" label="Your dealerships" scroll skeleton={<RowsSkeleton rows={5} />}>
          <HubDealerships />
        </WidgetFrame>
      </div>
    </div>
  );
}

async function HubFarmer() {
  const viewer = await requireViewer();
  const [subscription, unread] = await Promise.all([getSubscription(viewer.id), unreadCountRead.get(viewer.id)]);
  return (
    <>
      <CardTitle>Your subscription</CardTitle>
      {subscription ? (
        <p className="mt-2 text-sm">
          <span className="font-semibold">{TIER_NAMES[subscription.tier]}</span>
          {subscription.sponsorName ? ` from ${subscription.sponsorName}` : ''}, until {formatDate(subscription.endDate)}: {subscription.dailyAnalyses} analyses a day.
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-700">No subscription running. A sponsorship code from a sponsor or a dealer starts one.</p>
      )}
      <ul className="mt-3 flex flex-col gap-2 text-sm">
        <li>
          <Link href="/sponsors/analyses" className="font-medium text-brand-700 underline">
            My analyses
          </Link>
        </li>
        <li className="flex items-center gap-2">
          <Link href="/sponsors/messages" className="font-medium text-brand-700 underline">
            Messages
          </Link>
          {unread > 0 && <Badge tone="brand">{count(unread)} unread</Badge>}
        </li>
        <li>
          Have a code?{' '}
          <Link href="/sponsors/subscription" className="font-medium text-brand-700 underline">
            Redeem
          </Link>
        </li>
      </ul>
    </>
  );
}

async function HubSponsors() {
  const viewer = await requireViewer();
  const { memberships } = await sponsorRolesRead.get(viewer.id);
  return (
    <>
      <CardTitle>Your sponsors</CardTitle>
      {memberships.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">You are not a member of any sponsor.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-3 text-sm">
          {memberships.map((membership) => (
            <li key={membership.sponsorId}>
              <Link href={`/sponsors/${membership.sponsorId}`} className="font-medium text-brand-700 underline">
                {membership.name}
              </Link>{' '}
              <span className="text-slate-600">· {ROLE_NAMES[membership.role]}</span>
              <span className="mt-1 flex gap-3 text-xs">
                <Link href={`/sponsors/${membership.sponsorId}/codes`} className="text-slate-700 underline" aria-label={`${membership.name} codes`}>
                  codes
                </Link>
                <Link href={`/sponsors/${membership.sponsorId}/analyses`} className="text-slate-700 underline" aria-label={`${membership.name} analyses`}>
                  analyses
                </Link>
                <Link href={`/sponsors/${membership.sponsorId}/team`} className="text-slate-700 underline" aria-label={`${membership.name} team`}>
                  team
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

async function HubDealerships() {
  const viewer = await requireViewer();
  const { dealerships } = await sponsorRolesRead.get(viewer.id);
  return (
    <>
      <CardTitle>Your dealerships</CardTitle>
      {dealerships.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">You do not deal codes for any sponsor.</p>
      ) : (
        <>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {dealerships.map((dealership) => (
              <li key={dealership.dealerId}>
                {dealership.dealerName} <span className="text-slate-600">for {dealership.sponsorName}</span>
              </li>
            ))}
          </ul>
          <Link href="/sponsors/dealer" className={buttonClass('secondary', 'mt-3 h-9')}>
            Codes in your hands
          </Link>
        </>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// /sponsors/[id]/codes

const FILTER_NAMES: Record<CodeFilter, string> = { all: 'All', ...(Object.fromEntries(Object.entries(CODE_STATUS_NAMES)) as Record<Exclude<CodeFilter, 'all'>, string>) };

export interface CodeActions {
  generate: BoundFormAction<string>;
  assign: BoundFormAction<string>;
  distribute: RowAction;
}

export function SponsorCodesPage({ id, search, actions }: { id: Promise<string>; search: Search; actions: CodeActions }) {
  return (
    <div className="flex flex-col gap-6">
      <SponsorHeader id={id} current="codes" />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <WidgetFrame size="h-[46rem]" label="Codes" scroll skeleton={<RowsSkeleton rows={16} />}>
          <SponsorCodes id={id} search={search} distribute={actions.distribute} />
        </WidgetFrame>
        <WidgetFrame size="h-[46rem]" label="Manage codes" skeleton={<RowsSkeleton rows={12} />}>
          <ManageCodes id={id} actions={actions} />
        </WidgetFrame>
      </div>
    </div>
  );
}

async function SponsorCodes({ id, search, distribute }: { id: Promise<string>; search: Search; distribute: RowAction }) {
  const [access, params, cursor] = await Promise.all([sponsorAccessOf(id), search, cursorOf(search)]);
  const filter = codeFilterSchema.parse(first(params.status));
  const page = await sponsorCodesRead.get(access.sponsorId, filter, cursor);
  const path = `/sponsors/${access.sponsorId}/codes`;
  return (
    <>
      <CardTitle>Codes</CardTitle>
      <nav aria-label="Code status" className="mt-2 flex flex-wrap gap-1">
        {(Object.keys(FILTER_NAMES) as CodeFilter[]).map((key) => (
          <Link
            key={key}
            href={(key === 'all' ? path : `${path}?status=${key}`) as Route}
            aria-current={key === filter ? 'page' : undefined}
            className={cn('rounded-md px-2.5 py-1 text-xs font-medium', key === filter ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
          >
            {FILTER_NAMES[key]}
          </Link>
        ))}
      </nav>
      <CodesTable page={page} distribute={access.canManageCodes ? distribute : undefined} />
      <Pager path={path} params={filter === 'all' ? {} : { status: filter }} next={page.next} current={cursor} />
    </>
  );
}

async function ManageCodes({ id, actions }: { id: Promise<string>; actions: CodeActions }) {
  const access = await sponsorAccessOf(id);
  if (!access.canManageCodes) {
    return (
      <>
        <CardTitle>Manage codes</CardTitle>
        <p className="mt-2 text-sm text-slate-600">Only the sponsor’s owners and managers make codes and hand them to dealers.</p>
      </>
    );
  }
  const team = await sponsorTeamRead.get(access.sponsorId);
  return (
    <>
      <CardTitle>Generate codes</CardTitle>
      <ActionForm
        label="Generate codes"
        action={actions.generate.bind(null, access.sponsorId)}
        grid="grid-cols-1"
        submit="Generate codes"
        pending="Generating…"
        success="Codes made: they are in stock."
        fields={[
          { kind: 'input', name: 'count', label: 'How many', type: 'number', min: 1, max: 500, defaultValue: '50' },
          { kind: 'select', name: 'tier', label: 'Subscription they give', options: CODE_TIERS.map((tier) => ({ value: tier, label: TIER_NAMES[tier] })), defaultValue: 'medium' },
          { kind: 'input', name: 'validDays', label: 'Valid for (days)', type: 'number', min: 7, max: 730, defaultValue: '180' },
        ]}
      />
      <div className="mt-6">
        <CardTitle>Hand codes to a dealer</CardTitle>
      </div>
      {team.dealers.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Add a dealer on the Team tab first.</p>
      ) : (
        <ActionForm
          label="Assign codes"
          action={actions.assign.bind(null, access.sponsorId)}
          grid="grid-cols-1"
          submit="Assign codes"
          pending="Assigning…"
          success="Handed over: they are in the dealer’s hands."
          fields={[
            { kind: 'select', name: 'dealerId', label: 'Dealer', options: team.dealers.map((dealer) => ({ value: dealer.dealerId, label: dealer.name })) },
            { kind: 'input', name: 'count', label: 'How many (oldest stock first)', type: 'number', min: 1, max: 500, defaultValue: '10' },
          ]}
        />
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// /sponsors/[id]/analyses

export function SponsorAnalysesPage({ id, search }: { id: Promise<string>; search: Search }) {
  return (
    <div className="flex flex-col gap-6">
      <SponsorHeader id={id} current="analyses" />
      <WidgetFrame size="h-[46rem]" label="Sponsored analyses" scroll skeleton={<RowsSkeleton rows={16} />}>
        <SponsorAnalyses id={id} search={search} />
      </WidgetFrame>
    </div>
  );
}

async function SponsorAnalyses({ id, search }: { id: Promise<string>; search: Search }) {
  const [access, cursor] = await Promise.all([sponsorAccessOf(id), cursorOf(search)]);
  const page = await sponsorAnalysesRead.get(access.sponsorId, cursor);
  return (
    <>
      <CardTitle>Sponsored analyses, newest first</CardTitle>
      <AnalysesTable page={page} showFarmer />
      <Pager path={`/sponsors/${access.sponsorId}/analyses`} next={page.next} current={cursor} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// /sponsors/[id]/team

export interface TeamActions {
  addMember: BoundFormAction<string>;
  removeMember: (sponsorId: string, userId: string) => Promise<FormState<unknown>>;
  addDealer: BoundFormAction<string>;
}

export function SponsorTeamPage({ id, actions }: { id: Promise<string>; actions: TeamActions }) {
  return (
    <div className="flex flex-col gap-6">
      <SponsorHeader id={id} current="team" />
      <div className="grid gap-6 lg:grid-cols-2">
        <WidgetFrame size="h-[34rem]" label="Members" scroll skeleton={<RowsSkeleton rows={10} />}>
          <Members id={id} actions={actions} />
        </WidgetFrame>
        <WidgetFrame size="h-[34rem]" label="Dealers" scroll skeleton={<RowsSkeleton rows={10} />}>
          <Dealers id={id} actions={actions} />
        </WidgetFrame>
      </div>
    </div>
  );
}

async function Members({ id, actions }: { id: Promise<string>; actions: TeamActions }) {
  const access = await sponsorAccessOf(id);
  const team = await sponsorTeamRead.get(access.sponsorId);
  const viewer = await requireViewer();
  return (
    <>
      <CardTitle>Members</CardTitle>
      <DataTable
        className="mt-2"
        label="Members"
        empty="No members."
        rows={team.members}
        rowKey={(member) => member.userId}
        columns={[
          { header: 'Name', cell: (member) => member.name },
          { header: 'Role', cell: (member) => ROLE_NAMES[member.role] },
          ...(access.canManageTeam
            ? [
                {
                  header: 'Action',
                  className: 'w-40',
                  cell: (member: (typeof team.members)[number]) =>
                    member.userId === viewer.id ? null : (
                      <ActionRow actions={[{ label: 'Remove', name: `Remove ${member.name}`, variant: 'ghost', run: actions.removeMember.bind(null, access.sponsorId, member.userId), confirm: { label: 'Remove', name: `Really remove ${member.name}` } }]} />
                    ),
                },
              ]
            : []),
        ]}
      />
      {access.canManageTeam && (
        <div className="mt-4">
          <ActionForm
            label="Add member"
            action={actions.addMember.bind(null, access.sponsorId)}
            grid="sm:grid-cols-2"
            submit="Add member"
            pending="Adding…"
            success="Added: they see the sponsor now."
            fields={[
              { kind: 'input', name: 'email', label: 'Their e-mail address', type: 'email', autoComplete: 'off' },
              { kind: 'select', name: 'role', label: 'Role', options: MEMBER_ROLES.map((role) => ({ value: role, label: ROLE_NAMES[role] })), defaultValue: 'analyst' },
            ]}
          />
        </div>
      )}
    </>
  );
}

async function Dealers({ id, actions }: { id: Promise<string>; actions: TeamActions }) {
  const access = await sponsorAccessOf(id);
  const team = await sponsorTeamRead.get(access.sponsorId);
  return (
    <>
      <CardTitle>Dealers</CardTitle>
      <DataTable
        className="mt-2"
        label="Dealers"
        empty="No dealers yet."
        rows={team.dealers}
        rowKey={(dealer) => dealer.dealerId}
        columns={[
          { header: 'Dealership', cell: (dealer) => dealer.name },
          { header: 'Person', cell: (dealer) => dealer.personName },
          { header: 'Region', cell: (dealer) => dealer.region ?? '–' },
        ]}
      />
      {access.canManageTeam && (
        <div className="mt-4">
          <ActionForm
            label="Add dealer"
            action={actions.addDealer.bind(null, access.sponsorId)}
            grid="sm:grid-cols-2"
            submit="Add dealer"
            pending="Adding…"
            success="Added: hand them codes on the Codes tab."
            fields={[
              { kind: 'input', name: 'email', label: 'Dealer’s e-mail address', type: 'email', autoComplete: 'off' },
              { kind: 'input', name: 'name', label: 'Dealership name', maxLength: 120 },
              { kind: 'input', name: 'region', label: 'Region (optional)', maxLength: 80 },
            ]}
          />
        </div>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// /sponsors/dealer

export function DealerPage({ search, distribute }: { search: Search; distribute: RowAction }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Codes in your hands</h1>
      <WidgetFrame size="h-[46rem]" label="Your codes" scroll skeleton={<RowsSkeleton rows={16} />}>
        <DealerCodes search={search} distribute={distribute} />
      </WidgetFrame>
    </div>
  );
}

async function DealerCodes({ search, distribute }: { search: Search; distribute: RowAction }) {
  const viewer = await requireViewer();
  const cursor = await cursorOf(search);
  const page = await dealerCodesRead.get(viewer.id, cursor);
  return (
    <>
      <CardTitle>Your codes, newest first</CardTitle>
      <p className="mt-1 text-sm text-slate-600">Mark a code as sent when you give it to a farmer: your sponsor sees it in its analytics.</p>
      <CodesTable page={page} showSponsor distribute={distribute} />
      <Pager path="/sponsors/dealer" next={page.next} current={cursor} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// /sponsors/analyses (a farmer's)

export function FarmerAnalysesPage({ search, request }: { search: Search; request: FormAction }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">My analyses</h1>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <WidgetFrame size="h-[44rem]" label="My analyses" scroll skeleton={<RowsSkeleton rows={16} />}>
          <FarmerAnalyses search={search} />
        </WidgetFrame>
        <WidgetFrame size="h-[30rem]" label="Request an analysis" skeleton={<RowsSkeleton rows={8} />}>
          <RequestAnalysis request={request} />
        </WidgetFrame>
      </div>
    </div>
  );
}

async function FarmerAnalyses({ search }: { search: Search }) {
  const viewer = await requireViewer();
  const cursor = await cursorOf(search);
  const page = await farmerAnalysesRead.get(viewer.id, cursor);
  return (
    <>
      <CardTitle>Newest first</CardTitle>
      <AnalysesTable page={page} showFarmer={false} />
      <Pager path="/sponsors/analyses" next={page.next} current={cursor} />
    </>
  );
}

async function RequestAnalysis({ request }: { request: FormAction }) {
  const viewer = await requireViewer();
  const subscription = await getSubscription(viewer.id);
  return (
    <>
      <CardTitle>Request an analysis</CardTitle>
      {subscription ? (
        <>
          <p className="mt-1 mb-2 text-sm text-slate-600">
            {TIER_NAMES[subscription.tier]}: {subscription.dailyAnalyses} a day{subscription.sponsorName ? `, sponsored by ${subscription.sponsorName}` : ''}.
          </p>
          <ActionForm
            label="Request an analysis"
            action={request}
            grid="grid-cols-1"
            submit="Request analysis"
            pending="Sending…"
            fields={[
              { kind: 'select', name: 'cropType', label: 'Crop', options: CROP_TYPES.map((crop) => ({ value: crop, label: cropName(crop) })) },
              { kind: 'input', name: 'location', label: 'Field or place (optional)', maxLength: 120 },
              { kind: 'input', name: 'imageUrl', label: 'Link to the photo (optional)', type: 'url', placeholder: 'https://' },
            ]}
          />
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700">
          Analyses need a running subscription.{' '}
          <Link href="/sponsors/subscription" className="font-medium text-brand-700 underline">
            Redeem a sponsorship code
          </Link>
        </p>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// /sponsors/messages and /sponsors/messages/sent

export function MessagesPage({ box, search, markRead }: { box: 'inbox' | 'sent'; search: Search; markRead: RowAction }) {
  const tab = (key: 'inbox' | 'sent', label: string) => (
    <Link
      href={key === 'inbox' ? '/sponsors/messages' : '/sponsors/messages/sent'}
      aria-current={box === key ? 'page' : undefined}
      className={cn('rounded-md px-3 py-1.5 text-sm font-medium', box === key ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
    >
      {label}
    </Link>
  );
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Messages</h1>
      <nav aria-label="Mailbox" className="flex gap-1">
        {tab('inbox', 'Inbox')}
        {tab('sent', 'Sent')}
      </nav>
      <WidgetFrame size="h-[44rem]" label={box === 'inbox' ? 'Inbox' : 'Sent messages'} scroll skeleton={<RowsSkeleton rows={16} />}>
        <Messages box={box} search={search} markRead={markRead} />
      </WidgetFrame>
    </div>
  );
}

async function Messages({ box, search, markRead }: { box: 'inbox' | 'sent'; search: Search; markRead: RowAction }) {
  const viewer = await requireViewer();
  const cursor = await cursorOf(search);
  // The inbox: the unread count (the partial unread index) and a page, side by side.
  const [unread, page] = await Promise.all([box === 'inbox' ? unreadCountRead.get(viewer.id) : null, messagesRead.get(viewer.id, box, cursor)]);
  return (
    <>
      <div className="flex items-baseline gap-3">
        <CardTitle>{box === 'inbox' ? 'Inbox' : 'Sent'}</CardTitle>
        {unread !== null && <span className="text-sm text-slate-600">{unread === 0 ? 'All read' : `${count(unread)} unread`}</span>}
      </div>
      <MessagesList page={page} box={box} markRead={box === 'inbox' ? markRead : undefined} />
      <Pager path={box === 'inbox' ? '/sponsors/messages' : '/sponsors/messages/sent'} next={page.next} current={cursor} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// /sponsors/subscription

export function SubscriptionPage({ redeem }: { redeem: FormAction }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Subscription</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <WidgetFrame size="h-60" label="Your subscription" skeleton={<RowsSkeleton rows={5} />}>
          <CurrentSubscription />
        </WidgetFrame>
        <section aria-labelledby="redeem-heading" className="h-60 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="redeem-heading" className="text-base font-semibold text-slate-900">
            Redeem a sponsorship code
          </h2>
          <ActionForm
            label="Redeem a sponsorship code"
            action={redeem}
            grid="grid-cols-1"
            submit="Redeem"
            pending="Redeeming…"
            success="Redeemed: your subscription is running."
            fields={[{ kind: 'input', name: 'code', label: 'Code', placeholder: 'GRN-7KQ2-M9PX', maxLength: 20, autoComplete: 'off' }]}
          />
        </section>
      </div>
    </div>
  );
}

async function CurrentSubscription() {
  const viewer = await requireViewer();
  const subscription = await getSubscription(viewer.id);
  return (
    <>
      <CardTitle>Your subscription</CardTitle>
      {subscription ? (
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-600">Tier</dt>
          <dd className="font-semibold">{TIER_NAMES[subscription.tier]}</dd>
          <dt className="text-slate-600">Sponsored by</dt>
          <dd>{subscription.sponsorName ?? 'nobody'}</dd>
          <dt className="text-slate-600">Runs</dt>
          <dd>
            {formatDate(subscription.startDate)} – {formatDate(subscription.endDate)}
          </dd>
          <dt className="text-slate-600">Analyses a day</dt>
          <dd className="tabular-nums">{subscription.dailyAnalyses}</dd>
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-700">No subscription is running. Redeem the code a sponsor or a dealer gave you to start one.</p>
      )}
    </>
  );
}
