import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/accounts/change-password-form';
import { DeleteAccountForm } from '@/components/accounts/delete-account-form';
import { Card } from '@/components/ui/card';
import { changePasswordAction, deleteAccountAction } from './actions';

export const metadata: Metadata = { title: 'Account' };

// Static: the forms need nothing of the viewer until they are sent (the actions check who asks).
export default function AccountPage() {
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Account</h1>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Change your password</h2>
        <p className="mb-4 text-sm text-slate-600">Every other browser signed in to your account is signed out at once; this one stays signed in.</p>
        <ChangePasswordForm action={changePasswordAction} />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Delete your account</h2>
        <p className="mb-4 text-sm text-slate-600">
          Your lists and their items, your friendships and requests, your activity and your API tokens are deleted at once and cannot be recovered. Gifts
          you reserved on friends’ lists become available again; gifts you bought stay bought, without your name.
        </p>
        <DeleteAccountForm action={deleteAccountAction} />
      </Card>
    </div>
  );
}
