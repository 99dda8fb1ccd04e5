import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Create an account' };

export default function SignUpPage() {
  return (
    <Card>
      <h1 className="mb-2 text-xl font-semibold">Create an account</h1>
      <AuthForm mode="sign-up" />
    </Card>
  );
}
