/**
 * Cache tag of everything that depends on a person's friendships: their friends and requests, and
 * every other module's read whose access rules follow friendships (a module adds this tag to
 * such reads). Dropped for both people by every friendship change (mutations.ts).
 */
export const peopleTag = (userId: string) => `people:${userId}`;
