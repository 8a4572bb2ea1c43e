// Texts of the directory pages. Keys start with "directory.".
export const directoryJa = {} as const;
