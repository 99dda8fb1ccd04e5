/**
 * Cache tags of the Sponsors module, defined next to their invalidators (mutations.ts, jobs.ts):
 * - sponsorTag: a sponsor's data, whoever looks (analytics, its codes, its analyses). Dropped by
 *   every write to its codes, analyses and messages.
 * - sponsorTeamTag: who belongs to a sponsor (members, dealers) and so who may see it: every
 *   viewer's access to that sponsor, and its team list.
 * - sponsorRolesTag: a person's own memberships and dealerships, which their access to every
 *   sponsor and to sponsored analyses follows. A membership change drops it for that person, and
 *   the sponsor's team tag: a read that follows the viewer's memberships carries this tag.
 * - dealerCodesTag: the codes a person holds as a dealer, for any sponsor.
 * - farmerAnalysesTag, subscriptionTag, inboxTag, sentTag: a person's own lists.
 * - analysisTag: one analysis and its conversation, for every viewer.
 */
export const sponsorTag = (sponsorId: string) => `sponsor:${sponsorId}`;
export const sponsorTeamTag = (sponsorId: string) => `sponsor-team:${sponsorId}`;
export const sponsorRolesTag = (userId: string) => `sponsors:roles:${userId}`;
export const dealerCodesTag = (userId: string) => `sponsors:dealer-codes:${userId}`;
export const farmerAnalysesTag = (userId: string) => `sponsors:analyses:${userId}`;
export const subscriptionTag = (userId: string) => `sponsors:subscription:${userId}`;
export const inboxTag = (userId: string) => `sponsors:inbox:${userId}`;
export const sentTag = (userId: string) => `sponsors:sent:${userId}`;
export const analysisTag = (analysisId: string) => `plant-analysis:${analysisId}`;
