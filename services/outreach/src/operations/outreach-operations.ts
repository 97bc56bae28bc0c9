import { LogVisitResponse } from '../visits/log-visit/log-visit.request';
import { serviceWrites } from '@cnscd/service-kit';
import { registerHousehold } from '../households/register-household.operation';
import { changeConsent } from '../residents/change-consent/change-consent.operation';
import { confirmAdoption } from '../residents/confirm-adoption/confirm-adoption.operation';
import { eraseResident } from '../residents/erase-resident/erase-resident.operation';
import { moveResident } from '../residents/move-resident/move-resident.operation';
import { registerResident } from '../residents/register-resident/register-resident.operation';
import { retractAdoption } from '../residents/retract-adoption/retract-adoption.operation';
import { logVisit } from '../visits/log-visit/log-visit.operation';

/** The service's tags in its API document, for its writes and queries alike. */
export const ADOPTION = 'Kết quả sử dụng / Adoption';
export const RESIDENTS = 'Cư dân / Residents';
export const VISITS = 'Thăm hộ / Visits';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.outreach.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const OUTREACH_WRITES = serviceWrites([
  {
    operation: logVisit,
    http: {
      path: 'visits',
      tag: VISITS,
      summary: 'Ghi nhận một lượt thăm hộ / Log a door-to-door visit',
      description:
        'Ai, khi nào, ở đâu, chủ đề nào, hướng dẫn ai, hẹn gì. Who, when, where, which topics, who was guided, what follow-up was promised.',
      response: LogVisitResponse,
      location: (r) => `/v1/visits/${r['visitId']}`,
    },
  },
  {
    operation: registerHousehold,
    http: {
      path: 'households',
      tag: RESIDENTS,
      summary: 'Đăng ký hộ gia đình / Register a household',
      description:
        'Mã hộ do điện thoại tạo để lượt thăm có thể nhắc tới hộ trước khi đồng bộ. The device makes the household id, so visits can name it before it syncs.',
    },
  },
  {
    operation: registerResident,
    http: {
      path: 'residents',
      tag: RESIDENTS,
      summary: 'Đăng ký cư dân / Register a resident',
      description:
        'Số CCCD chỉ dùng một lần để tạo khóa cư dân rồi bị bỏ: không lưu, không ghi log, không trả lại. Không có CCCD (trẻ em, người từ chối): cần hộ và năm sinh. ' +
        'The citizen ID is used once to derive the resident key and then dropped. Without one, give the household and the birth year. Name, phone, household and sex are kept only with consent, sealed with the resident’s own key.',
    },
  },
  {
    operation: changeConsent,
    http: {
      path: 'residents/consents',
      tag: RESIDENTS,
      summary: 'Đồng ý hoặc rút lại đồng ý / Give or withdraw consent',
      description:
        'Rút lại đồng ý hủy khóa dữ liệu của cư dân: thông tin cá nhân trong mọi sự kiện không còn đọc được. Withdrawal destroys the resident’s data key.',
    },
  },
  {
    operation: moveResident,
    http: {
      path: 'residents/moves',
      tag: RESIDENTS,
      summary: 'Chuyển thôn / Move to another village',
      description:
        'Cư dân được tính ở thôn mới từ ngày hiệu lực. The resident counts in the new village from the effective date on.',
    },
  },
  {
    operation: eraseResident,
    http: {
      path: 'residents/erasures',
      tag: RESIDENTS,
      summary: 'Xóa dữ liệu cư dân theo yêu cầu / Erase a resident',
      description:
        'Khóa dữ liệu bị hủy; số liệu chỉ tiêu giữ nguyên. The data key is destroyed; indicator counts stay correct.',
    },
  },
  {
    operation: confirmAdoption,
    http: {
      path: 'adoptions/confirmations',
      tag: ADOPTION,
      summary: 'Xác nhận một giai đoạn sử dụng / Confirm an adoption stage',
      description:
        'Theo chính sách xác nhận: ví dụ kích hoạt VNeID chỉ do Công an xã, tài khoản thanh toán do ngân hàng. Xác nhận lại giai đoạn đã đạt: chấp nhận, không thay đổi. ' +
        'Per the confirmation policy: VNeID activation only by the commune police, payment accounts by banks. Confirming a stage already reached is accepted and changes nothing.',
    },
  },
  {
    operation: retractAdoption,
    http: {
      path: 'adoptions/retractions',
      tag: ADOPTION,
      summary: 'Rút lại một xác nhận / Retract a confirmation',
      description: 'Không sửa gì: một sự kiện mới, có lý do. Nothing is edited: a new event with a reason.',
    },
  },
]);
export const OUTREACH_OPERATIONS = OUTREACH_WRITES.registry;
export const CommandsHttpController = OUTREACH_WRITES.controller;
