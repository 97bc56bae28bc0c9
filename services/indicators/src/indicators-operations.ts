import { serviceWrites } from '@cnscd/service-kit';
import {
  estimateDenominator,
  recordReportNotes,
  setCountedStage,
  setTarget,
  submitQuarterlyReport,
} from './commands/indicator.operations';
import { registerVillage, renameVillage, retireVillage } from './villages/village.operations';

/** The service's tags in its API document, for its writes and queries alike. */
export const REPORTS = 'Báo cáo quý / Quarterly report';
export const SETTINGS = 'Mẫu số, mục tiêu, cấu hình / Denominators, targets, configuration';
export const VILLAGES = 'Danh mục thôn / Villages';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.indicators.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const INDICATORS_WRITES = serviceWrites([
  {
    operation: setCountedStage,
    http: {
      path: 'config/counted-stages',
      tag: SETTINGS,
      summary: 'Đổi giai đoạn được tính cho một chỉ tiêu / Change which stage counts for an indicator',
      description:
        'Toàn bộ lịch sử được tính lại theo cấu hình mới. The whole history is recomputed with it.',
    },
  },
  {
    operation: estimateDenominator,
    http: {
      path: 'denominators',
      tag: SETTINGS,
      summary:
        'Nhập số dân ước tính theo thôn và nhóm tuổi / Post a population estimate per village and age band',
      description:
        'Mẫu số là ước tính của xã (ví dụ từ dữ liệu dân cư của Công an xã), không phải số cư dân đã đăng ký. Denominators are the commune’s estimates with source and effective date, not the registered residents.',
    },
  },
  {
    operation: setTarget,
    http: {
      path: 'targets',
      tag: SETTINGS,
      summary: 'Đặt mục tiêu năm cho xã hoặc một thôn / Set a yearly target for the commune or a village',
      description:
        'Mặc định theo kế hoạch (2025, 2030) và nội suy các năm giữa. Defaults from the plan, interpolated in between; every change is an event with who and why.',
    },
  },
  {
    operation: recordReportNotes,
    http: {
      path: 'reports/notes',
      tag: REPORTS,
      summary: 'Ghi khó khăn, đề xuất của phòng / Record an office’s difficulties and proposals',
      description:
        'Phòng VH-XH hoặc Phòng Kinh tế, mỗi phòng phần của mình. Each office writes its own part.',
    },
  },
  {
    operation: submitQuarterlyReport,
    http: {
      path: 'reports/submissions',
      tag: REPORTS,
      summary: 'Nộp báo cáo quý (khóa số liệu) / Submit the quarterly report (freezes it)',
      description:
        'Sau khi nộp, báo cáo luôn hiển thị số liệu như lúc nộp. Once submitted the report keeps showing what was known then. Due before the 20th of the quarter’s last month.',
    },
  },
  {
    operation: registerVillage,
    http: {
      path: 'villages',
      tag: VILLAGES,
      summary: 'Đăng ký một thôn, bon hoặc tổ dân phố / Register a village',
      description:
        'Mọi ghi nhận nêu tên thôn chỉ được nhận khi thôn đã có trong danh mục vào ngày đó. A write naming a village is accepted only if the village is registered and in existence on its day.',
    },
  },
  {
    operation: renameVillage,
    http: {
      path: 'villages/renames',
      tag: VILLAGES,
      summary: 'Đổi tên thôn từ một ngày / Rename a village from a day',
      description:
        'Mã thôn giữ nguyên; báo cáo các kỳ trước vẫn dùng tên cũ. The code stays; earlier periods keep the old name.',
    },
  },
  {
    operation: retireVillage,
    http: {
      path: 'villages/retirements',
      tag: VILLAGES,
      summary:
        'Sáp nhập, chia tách hoặc giải thể thôn từ một ngày / Merge, split or dissolve a village from a day',
      description:
        'Một thôn kế tục: sáp nhập, cư dân và hộ kinh doanh được tính vào thôn đó từ ngày hiệu lực. Nhiều thôn kế tục: chia tách, từng cư dân được chuyển thôn. Không thôn kế tục: giải thể. One successor: a merger, residents and merchants count there from that day. Several: a split, each resident is moved. None: dissolved.',
    },
  },
]);
export const INDICATORS_OPERATIONS = INDICATORS_WRITES.registry;
export const CommandsHttpController = INDICATORS_WRITES.controller;
