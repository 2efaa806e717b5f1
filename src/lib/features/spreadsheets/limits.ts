// How big an import may be. The browser checks before uploading, the server again.

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;
export const MAX_DATA_ROWS = 10_000;
/** Problems sent back in full; beyond this the count is still exact. */
export const MAX_LISTED_PROBLEMS = 1000;
/** Rows shown in the preview as they will be saved. */
export const SAMPLE_ROWS = 20;
