#!/usr/bin/env node
// The analysts' tool: exports and replays a commune's history from a running deployment with an API
// key (docs/analysts.md). `npm run cnscd -- --help`.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { connection, fail } from './cnscd/client.mjs';
import * as commands from './cnscd/commands.mjs';

const usage = `npm run cnscd -- <lệnh / command> [tùy chọn / options]

  events    --from <ngày> --to <ngày>                   sự kiện của xã ghi nhận trong kỳ (NDJSON) / the commune's events recorded in the period
  values    [--date <ngày>] [--known-on <ngày> | --known-at <thời điểm>]   chỉ tiêu theo thôn (CSV) / indicator values by village
  series    --from <ngày> --to <ngày> [--grain day|week|month|quarter] [--indicator <mã>] [--village <mã>|*] [--known-…]
                                                          chuỗi theo kỳ (CSV) / values over time
  visits    [--from <ngày>] [--to <ngày>] [--village <mã>]  lượt đến hộ (CSV) / visits
  residents [--village <mã>]                              người dân, ẩn danh (CSV) / residents, pseudonymous
  replay    --from <ngày> --to <ngày> [--grain month] [--village <mã>|*] [--known-…]
                                                          từng chỉ tiêu thay đổi ra sao (bảng) / how each indicator evolved

  --out <tệp / file>    ghi ra tệp thay vì màn hình / write to a file instead of stdout
  --key-file <tệp>      khóa API trong tệp (thay cho CNSCD_KEY) / the API key from a file

Kết nối / Connection: CNSCD_URL (địa chỉ hệ thống / the deployment, APIs under /api/<service>) và / and
CNSCD_KEY (khóa API / an API key: events need events:export, the rest the matching :read scopes).
Ngày / days: YYYY-MM-DD (giờ Việt Nam / Vietnam time); thời điểm / instants: ISO 8601.`;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  date: { type: 'string' },
  'known-on': { type: 'string' },
  'known-at': { type: 'string' },
  grain: { type: 'string' },
  indicator: { type: 'string' },
  village: { type: 'string' },
  out: { type: 'string' },
  'key-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
const NEEDS_PERIOD = ['events', 'series', 'replay'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true });
} catch (err) {
  fail(`${err.message}\n\n${usage}`);
}
const { values: options, positionals } = parsed;
const [command] = positionals;
if (options.help || !command) fail(usage, options.help ? 0 : 2);
if (!Object.hasOwn(commands, command)) fail(`Không có lệnh / No command "${command}"\n\n${usage}`);
if (NEEDS_PERIOD.includes(command) && (!options.from || !options.to))
  fail(`${command}: cần / needs --from và / and --to (YYYY-MM-DD)`);
for (const name of ['from', 'to', 'date', 'known-on'])
  if (options[name] !== undefined && !DAY.test(options[name]))
    fail(`--${name}: ngày dạng / a day as YYYY-MM-DD, không phải / not "${options[name]}"`);

const api = connection({ keyFile: options['key-file'] });
const out = options.out ? createWriteStream(options.out) : process.stdout;
await commands[command](api, out, options);
if (options.out) await new Promise((done, failed) => out.end((err) => (err ? failed(err) : done())));
