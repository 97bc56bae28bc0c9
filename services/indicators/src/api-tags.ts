/** The service's tags in its API document, for its writes and queries alike. */
export const REPORTS = 'Báo cáo quý / Quarterly report';
export const SETTINGS = 'Mẫu số, mục tiêu, cấu hình / Denominators, targets, configuration';
export const VILLAGES = 'Danh mục thôn / Villages';
