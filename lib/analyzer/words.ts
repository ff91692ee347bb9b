/** Words the kinds' sentences share. */

/** `Kiotapay's`, `Alternative Payments'`. */
export const possessive = (name: string): string => (name.endsWith('s') ? `${name}'` : `${name}'s`);
