/** The service's tags in its API document, for its writes and queries alike. */
export const REPORTS = 'Báo cáo / Reports';
export const TEAMS = 'Tổ CNSCĐ / Village teams';
export const WORK = 'Tuyên truyền và tập huấn / Communication and training';
