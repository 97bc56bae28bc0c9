import { z } from 'zod';
import { buildOpenApiDocument, type RouteDoc } from '@cnscd/service-kit';
import { LogVisitRequest, LogVisitResponse } from './visits/log-visit/log-visit.request';
import { ListVisitsParams, VisitPage } from './visits/visit-queries/visit-queries';
import { VisitView } from './visits/visit-queries/visit-view';

const problems = {
  401: { description: 'Thiếu hoặc sai khóa API / Missing or unknown API key' },
  403: { description: 'Tổ chức không có quyền này / The organisation lacks this permission' },
};

const routes: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/visits',
    tags: ['Thăm hộ / Visits'],
    summary: 'Ghi nhận một lượt thăm hộ / Log a door-to-door visit',
    description:
      'Gửi lại cùng `commandId` (ví dụ khi đồng bộ ngoại tuyến) trả về kết quả ban đầu, không ghi hai lần. ' +
      'Resending the same `commandId` returns the original result (200, `Idempotent-Replayed: true`); ' +
      'the same id with other content is a 409.',
    headers: [
      { name: 'X-Correlation-Id', description: 'Optional id tying related commands together' },
      { name: 'traceparent', description: 'Optional W3C trace context' },
    ],
    body: LogVisitRequest,
    responses: {
      201: { description: 'Đã ghi nhận / Logged', schema: LogVisitResponse },
      200: {
        description: 'Đã ghi nhận trước đó (gửi lại) / Logged before (a resend)',
        schema: LogVisitResponse,
      },
      400: {
        description: 'Dữ liệu không hợp lệ; nêu từng trường sai / Invalid input, naming each field at fault',
      },
      ...problems,
      409: { description: 'Mã lệnh đã dùng cho nội dung khác / Command id used for other content' },
      422: { description: 'Bị từ chối theo quy tắc nghiệp vụ / Refused by a business rule' },
    },
  },
  {
    method: 'get',
    path: '/v1/visits/{visitId}',
    tags: ['Thăm hộ / Visits'],
    summary: 'Xem một lượt thăm hộ / Read one visit',
    responses: {
      200: { description: 'Lượt thăm / The visit', schema: VisitView },
      ...problems,
      404: { description: 'Không tìm thấy / Not found' },
    },
  },
  {
    method: 'get',
    path: '/v1/visits',
    tags: ['Thăm hộ / Visits'],
    summary: 'Danh sách lượt thăm hộ của xã / List the commune’s visits',
    query: ListVisitsParams,
    responses: {
      200: { description: 'Một trang / One page', schema: VisitPage },
      400: { description: 'Tham số sai / Bad parameters' },
      ...problems,
    },
  },
  {
    method: 'get',
    path: '/health/live',
    tags: ['Vận hành / Operations'],
    summary: 'Tiến trình còn chạy / The process is alive',
    public: true,
    responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('up') }) } },
  },
  {
    method: 'get',
    path: '/health/ready',
    tags: ['Vận hành / Operations'],
    summary: 'NATS và cơ sở dữ liệu trả lời / NATS and the database answer',
    public: true,
    responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready: see `checks`' } },
  },
];

export const outreachOpenApi = () =>
  buildOpenApiDocument(
    {
      title: 'cnscd — Outreach service (Thăm hộ, cư dân, kết quả)',
      version: '0.1.0',
      description:
        'Ghi nhận hoạt động "đi từng ngõ, gõ từng nhà" của Tổ Công nghệ số cộng đồng. ' +
        'Door-to-door outreach of the Community Digital Technology Teams. ' +
        'Authenticate with `Authorization: Bearer <organisation API key>`.',
    },
    routes,
  );
