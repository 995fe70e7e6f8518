/** Why a data objective has nothing to judge when the step that measures it never ran. */
export const notRun = (what: string): string => `${what} did not run (the run ended before it, or it could not read the database), so there is nothing to judge`;
