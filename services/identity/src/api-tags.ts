/** The service's tags in its API document, for its writes and queries alike. */
export const ACCOUNTS = 'Đơn vị, người dùng / Organisations and users';
export const KEYS = 'Khóa API / API keys';
