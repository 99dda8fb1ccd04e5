/** Cache tag of a person's friends and requests; dropped by every friendship change (mutations.ts). */
export const peopleTag = (userId: string) => `people:${userId}`;
