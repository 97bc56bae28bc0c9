import i18next from 'i18next';

/** Every text of the app, Vietnamese first. Indicator names come from the indicators service (vi/en). */
const resources = {
  vi: {
    translation: {
      appName: 'Tổ Công nghệ số cộng đồng',
      signIn: 'Đăng nhập',
      signOut: 'Đăng xuất',
      commune: 'Mã xã',
      username: 'Tên đăng nhập',
      password: 'Mật khẩu',
      wrongCredentials: 'Sai tên đăng nhập hoặc mật khẩu.',
      locked: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau.',
      offline: 'Không kết nối được máy chủ.',
      overview: 'Tổng quan',
      asOf: 'Tính đến ngày',
      asKnownOn: 'Như đã biết vào ngày (báo cáo khi đó)',
      indicator: 'Chỉ tiêu',
      wholeCommune: 'Toàn xã',
      value: 'Đạt',
      target: 'Mục tiêu',
      gap: 'Còn thiếu',
      loading: 'Đang tải…',
      language: 'Ngôn ngữ',
      fieldLog: 'Ghi thăm hộ',
      connected: 'Đang có kết nối',
      notConnected: 'Mất kết nối — vẫn ghi được, sẽ gửi khi có mạng',
      village: 'Mã thôn',
      topics: 'Chủ đề đã hướng dẫn',
      note: 'Ghi chú (không ghi số giấy tờ)',
      saveVisit: 'Lưu lượt thăm',
      pending: 'Chờ gửi',
      sent: 'Đã gửi',
      refused: 'Bị từ chối',
      reports: 'Báo cáo',
      trend: 'Diễn biến theo tuần (toàn xã)',
      week: 'Tuần',
      quarter: 'Quý',
      status: 'Tình trạng',
      status_draft: 'Bản nháp',
      status_submitted: 'Đã nộp',
      status_late: 'Quá hạn, chưa nộp',
      deadline: 'Hạn nộp (trước ngày)',
      daysLeft: 'còn lại, ngày',
      downloadXlsx: 'Tải báo cáo (XLSX)',
      notAllowed: 'Tài khoản của bạn không xem được mục này.',
    },
  },
  en: {
    translation: {
      appName: 'Community Digital Technology Teams',
      signIn: 'Sign in',
      signOut: 'Sign out',
      commune: 'Commune code',
      username: 'Username',
      password: 'Password',
      wrongCredentials: 'Wrong username or password.',
      locked: 'Account locked after repeated failures. Try again later.',
      offline: 'Cannot reach the server.',
      overview: 'Overview',
      asOf: 'As of',
      asKnownOn: 'As known on (what the report said then)',
      indicator: 'Indicator',
      wholeCommune: 'Whole commune',
      value: 'Reached',
      target: 'Target',
      gap: 'Gap',
      loading: 'Loading…',
      language: 'Language',
      fieldLog: 'Field log',
      connected: 'Online',
      notConnected: 'Offline — you can still record; it is sent when the connection returns',
      village: 'Village code',
      topics: 'Topics guided',
      note: 'Note (no ID numbers)',
      saveVisit: 'Save the visit',
      pending: 'Waiting to send',
      sent: 'Sent',
      refused: 'Refused',
      reports: 'Reports',
      trend: 'Week by week (whole commune)',
      week: 'Week',
      quarter: 'Quarter',
      status: 'Status',
      status_draft: 'Draft',
      status_submitted: 'Submitted',
      status_late: 'Late, not submitted',
      deadline: 'Due before',
      daysLeft: 'days left',
      downloadXlsx: 'Download the report (XLSX)',
      notAllowed: 'Your account cannot see this.',
    },
  },
} as const;

export type Language = keyof typeof resources;
export const LANGUAGES: Language[] = ['vi', 'en'];

export const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: (localStorage.getItem('cnscd.language') as Language | null) ?? 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
export const t = (key: keyof (typeof resources)['vi']['translation']) => i18n.t(key);

/** Numbers and dates the Vietnamese way (decimal comma, dd/MM/yyyy), or the English way. */
export const percent = (value: number) =>
  new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);

/** A day (`2026-06-30`) the Vietnamese way (`30/06/2026`) or the English way (`30 Jun 2026`). */
export const day = (iso: string) =>
  new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: i18n.language === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
