/** The service's tags in its API document, for its writes and queries alike. */
export const ADOPTION = 'Kết quả sử dụng / Adoption';
export const RESIDENTS = 'Cư dân / Residents';
export const VISITS = 'Thăm hộ / Visits';
