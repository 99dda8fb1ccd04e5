/**
 * Cache tags of the Wishlists module, defined next to their invalidators (mutations.ts):
 * - viewerTag: everything a viewer's wishlist pages show (dashboard, feeds, upcoming, their
 *   view of each list). Dropped for the author of a change and for the author's friends.
 * - wishlistTag: every viewer's copy of one list, and its public share page (the data cache's
 *   entry and Next's rendered output, both dropped by invalidate()).
 * - statsTag: a viewer's activity stats (refreshed by a job rather than dropped, except for the
 *   author of a change).
 * - publicListsTag: the public lists everybody's dashboard shares, and every page of the public
 *   browse page; dropped by every change to a list (and by the metadata job, which may find a
 *   price), so that a list made private leaves every dashboard on the next request.
 * Reads that follow the viewer's friendships also carry the viewer's people tag (lib/people/tags.ts).
 */
export const viewerTag = (userId: string) => `wishlists:viewer:${userId}`;
export const wishlistTag = (wishlistId: string) => `wishlist:${wishlistId}`;
export const statsTag = (userId: string) => `wishlists:stats:${userId}`;
export const publicListsTag = 'wishlists:public';
