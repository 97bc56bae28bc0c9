/** The service's tags in its API document, for its writes and queries alike. */
export const MERCHANTS = 'Cơ sở kinh doanh / Merchants';
export const OCOP = 'OCOP và thương mại điện tử / OCOP on e-commerce';
export const PLACES = 'Tuyến đường, chợ không dùng tiền mặt / Cashless streets and markets';
export const QR = 'Thanh toán QR / QR payment onboarding';
