import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <Card>
      <h1 className="mb-2 text-xl font-semibold">Sign in</h1>
      <AuthForm mode="sign-in" />
    </Card>
  );
}
