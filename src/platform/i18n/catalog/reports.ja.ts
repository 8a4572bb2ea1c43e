// Texts of the report pages (finder forms, my reports, the desk queue). Keys start with "reports.".
export const reportsJa = {} as const;
