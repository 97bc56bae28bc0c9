// The analysts' tool's connection, CSV and progress (scripts/cnscd.mjs; docs/analysts.md).
import { readFileSync } from 'node:fs';

/** Exits with a message in Vietnamese and English (status 2: the command was used wrongly). */
export function fail(message, status = 2) {
  console.error(message);
  process.exit(status);
}

/**
 * Where each service answers: the web entry point (`CNSCD_URL`, APIs under /api/<service>), or each
 * service's own address (`CNSCD_SERVICE_URLS=outreach=http://…,indicators=http://…`).
 */
export function connection({ keyFile }) {
  const direct = Object.fromEntries(
    (process.env.CNSCD_SERVICE_URLS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=').map((s) => s.trim())),
  );
  const web = process.env.CNSCD_URL?.replace(/\/$/, '');
  if (!web && Object.keys(direct).length === 0)
    fail(
      'Đặt CNSCD_URL (địa chỉ hệ thống) / Set CNSCD_URL (the deployment’s address), e.g. https://cnscd.example.vn',
    );
  const key = keyFile ? readFileSync(keyFile, 'utf8').trim() : process.env.CNSCD_KEY?.trim();
  if (!key) fail('Đặt CNSCD_KEY hoặc --key-file (khóa API) / Set CNSCD_KEY or --key-file (an API key)');
  const base = (service) =>
    direct[service] ?? (web ? `${web}/api/${service}` : fail(`No URL for ${service}`));
  return {
    /** GET a JSON answer; a refusal ends the tool with the problem's title. */
    async get(service, path, query = {}) {
      const params = new URLSearchParams(
        Object.entries(query).filter(([, v]) => v !== undefined && v !== null),
      );
      const url = `${base(service)}${path}${params.size ? `?${params}` : ''}`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } }).catch((err) =>
        fail(`Không kết nối được / Cannot reach ${url}: ${err.cause?.code ?? err.message}`, 1),
      );
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const detail = body?.errors?.map((e) => `${e.pointer}: ${e.detail}`).join('; ');
        fail(`${service} ${path}: ${res.status} ${body?.title ?? ''}${detail ? ` (${detail})` : ''}`, 1);
      }
      return body;
    },
  };
}

const cell = (v) => {
  if (v === null || v === undefined) return '';
  const one = (x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x));
  const text = Array.isArray(v) ? v.map(one).join('|') : one(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows of objects as CSV (RFC 4180, UTF-8 with a BOM so that Excel reads Vietnamese right). */
export function csvWriter(out, columns) {
  let header;
  return (row) => {
    if (!header) {
      header = columns ?? Object.keys(row);
      out.write(`\uFEFF${header.map(cell).join(',')}\r\n`);
    }
    out.write(`${header.map((c) => cell(row[c])).join(',')}\r\n`);
  };
}

/** Every key of every row, in the order first seen: the columns of a page whose rows differ. */
export const columnsOf = (rows) => [...new Set(rows.flatMap((r) => Object.keys(r)))];

/** Progress on stderr: one line rewritten in a terminal, a line every few seconds otherwise. */
export function progress(label) {
  const tty = process.stderr.isTTY;
  let shown = 0;
  return {
    update(text) {
      if (tty) process.stderr.write(`\r${label}: ${text}\x1b[K`);
      else if (Date.now() - shown > 2000) {
        console.error(`${label}: ${text}`);
        shown = Date.now();
      }
    },
    done(text) {
      if (tty) process.stderr.write(`\r${label}: ${text}\x1b[K\n`);
      else console.error(`${label}: ${text}`);
    },
  };
}
