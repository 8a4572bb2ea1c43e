// Texts of the accounts pages. Keys start with "accounts.".
export const accountsJa = {} as const;
