import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { RowsSkeleton } from '@/components/ui/widget-frame';
import { requireViewer } from '@/lib/auth/viewer';
import { getPlans, getSubscription } from '@/lib/channels/queries';
import { formatPrice } from './format';
import { SubscriptionCard } from './views';

/** The subscription plans (cached for an hour: plan 002's cache_subscription_plans), the viewer's marked. */
export async function PlansWidget() {
  const viewer = await requireViewer();
  const [plans, subscription] = await Promise.all([getPlans(), getSubscription(viewer.id)]);
  return (
    <>
      <CardTitle>Plans</CardTitle>
      <DataTable
        className="mt-2"
        label="Subscription plans"
        rows={plans}
        rowKey={(plan) => plan.id}
        empty="No plans are on offer."
        columns={[
          {
            header: 'Plan',
            cell: (plan) => (
              <span className="flex items-center gap-2 font-medium">
                {plan.name}
                {plan.id === subscription.effectivePlan.id && <Badge tone="brand">Your plan</Badge>}
              </span>
            ),
          },
          { header: 'Price', cell: (plan) => formatPrice(plan.priceCents, plan.currency) },
          { header: 'Channels', numeric: true, cell: (plan) => plan.maxChannels },
          { header: 'History', numeric: true, cell: (plan) => `${plan.historyDays} days` },
        ]}
      />
      <p className="mt-4 text-sm text-slate-600">Every plan includes the dashboards, the metrics API and the Projects widgets. Upgrades are handled by our team: write to billing@brisk.test.</p>
    </>
  );
}

export const PlansSkeleton = () => <RowsSkeleton rows={5} title="w-20" />;

export async function CurrentSubscription() {
  const viewer = await requireViewer();
  return <SubscriptionCard subscription={await getSubscription(viewer.id)} />;
}

export function BackToChannels() {
  return (
    <Link href="/channels" className={buttonClass('secondary')}>
      Back to channels
    </Link>
  );
}
