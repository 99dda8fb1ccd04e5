import { apiRoute } from '@/lib/api/route';
import { messagesRead, unreadCountRead } from '@/lib/sponsors/queries';
import { messagesApiQuerySchema } from '@/lib/sponsors/schemas';

/** GET /api/v1/sponsors/messages?box=inbox|sent&cursor=…: the viewer's messages, newest first, 20 a page; the inbox with its unread count (2 statements cold). */
export const GET = apiRoute('/api/v1/sponsors/messages', { access: 'viewer', query: messagesApiQuerySchema }, async ({ viewer, query }) => {
  const box = query.box ?? 'inbox';
  if (box === 'sent') return messagesRead.get(viewer.id, 'sent', query.cursor ?? null);
  const [unread, page] = await Promise.all([unreadCountRead.get(viewer.id), messagesRead.get(viewer.id, 'inbox', query.cursor ?? null)]);
  return { unread, ...page };
});
