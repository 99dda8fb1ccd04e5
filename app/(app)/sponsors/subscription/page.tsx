import type { Metadata } from 'next';
import { SubscriptionPage } from '@/components/sponsors/pages';
import { redeemCodeAction } from '../actions';

export const metadata: Metadata = { title: 'Subscription' };

export default function MySubscriptionPage() {
  return <SubscriptionPage redeem={redeemCodeAction} />;
}
