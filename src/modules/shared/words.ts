/** A count with its noun, for sentences read by people: `1 trust`, `3 trusts` (the plural adds an s unless given). */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
