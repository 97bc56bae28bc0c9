#!/usr/bin/env node
// `npm start`: installs what is missing, starts NATS (JetStream) and the services with embedded
// PGlite read models in .data/, loads a little demo data, and prints where everything is.
// `npm start -- --check`: the same on free ports, then one demo read, then everything stops (exit 0):
// the smoke test .ci/run runs on a fresh clone.
//
// Only Node.js built-ins and the repository's own scripts are imported here: installed packages
// (argon2, …) are imported after `ensureDependencies()` has installed them.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEMO_BANK, merchantsDemo } from './demo/merchants.mjs';
import { DEMO_COMMUNE, demoBatches, demoConfirmations } from './demo/outreach.mjs';
import { indicatorsDemo, villagesDemo } from './demo/indicators.mjs';
import { trainingDemo } from './demo/training.mjs';
import { NATS_SERVER_GOGC, ensureNatsServer } from './ensure-nats-server.mjs';
import { SERVICE_NODE_OPTIONS, runOnProjectNode } from './ensure-node.mjs';
import { busUsers, passwordValue, writeBusUsers } from './bus-users.mjs';
import { canConnect, ensureDependencies, ensureWebBuild, freePorts, root, waitFor } from './lib.mjs';
import { ensureServicesBuilt } from './build.mjs';

// Node.js 24 LTS, installed into .tools/node/ if this machine's is older (decision 0016).
await runOnProjectNode();

/** Smoke mode: free ports and a throw-away data folder, so it runs beside a developer's `npm start`. */
const CHECK = process.argv.includes('--check');
if (CHECK) {
  const names = [
    'CNSCD_NATS_PORT',
    'CNSCD_NATS_MONITOR_PORT',
    'WEB_HTTP_PORT',
    ...['IDENTITY', 'OUTREACH', 'MERCHANTS', 'TRAINING', 'INDICATORS'].map((n) => `${n}_HTTP_PORT`),
  ];
  const ports = await freePorts(names.length);
  names.forEach((name, i) => (process.env[name] ??= String(ports[i])));
}
const NATS_PORT = Number(process.env.CNSCD_NATS_PORT ?? 4223);
const NATS_MONITOR_PORT = Number(process.env.CNSCD_NATS_MONITOR_PORT ?? 8223);
const WEB_PORT = Number(process.env.WEB_HTTP_PORT ?? 3000);
const SERVICES = [
  {
    name: 'identity',
    label: 'Đơn vị, người dùng / Identity',
    port: Number(process.env.IDENTITY_HTTP_PORT ?? 3005),
  },
  {
    name: 'outreach',
    label: 'Thăm hộ, cư dân / Outreach',
    port: Number(process.env.OUTREACH_HTTP_PORT ?? 3001),
  },
  {
    name: 'merchants',
    label: 'Cơ sở, QR, chợ / Merchants',
    port: Number(process.env.MERCHANTS_HTTP_PORT ?? 3002),
  },
  {
    name: 'training',
    label: 'Tổ CNSCĐ, tập huấn / Training',
    port: Number(process.env.TRAINING_HTTP_PORT ?? 3003),
  },
  {
    name: 'indicators',
    label: 'Chỉ tiêu, báo cáo / Indicators',
    port: Number(process.env.INDICATORS_HTTP_PORT ?? 3004),
  },
];
const urlOf = (name) => `http://127.0.0.1:${SERVICES.find((s) => s.name === name).port}`;
const dataDir = CHECK ? mkdtempSync(join(tmpdir(), 'cnscd-check-')) : join(root, '.data');
const children = [];

/**
 * Two malloc arenas instead of glibc's eight per core: V8's and libuv's threads each kept their own,
 * ≈ 15 MiB of a busy service's RSS. A young generation of 2 × 16 MiB, as Node.js 20 sized it: Node.js
 * 24 sizes it from the machine's memory (2 × 64 MiB on 24 GiB), ≈ 100 MiB more RSS in a busy service
 * (docs/operations.md, Memory; decision 0016). The operator's own values win.
 */
const SERVICE_ENV = { MALLOC_ARENA_MAX: '2', NODE_OPTIONS: SERVICE_NODE_OPTIONS };

function run(name, cmd, args, env = {}) {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...SERVICE_ENV, ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split('\n')
      .filter((l) => l.trim())
      .forEach((l) => console.log(`[${name}] ${l}`));
  child.stdout.on('data', prefix);
  child.stderr.on('data', prefix);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`cnscd: ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); shutting down.`);
      shutdown(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
/** The nats-server process, stopped after everything that uses it. */
let natsProcess;
const hasExited = (c) =>
  new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', r)));
const atMost = (ms, promise) => Promise.race([promise, new Promise((r) => setTimeout(r, ms).unref())]);

/**
 * Stops the services and the web app, then NATS once they have exited (or after 5 s): a service finishes
 * the writes under way while the bus is still there. Stopped all at once, a write caught mid-way — the
 * demo data still being sent, a user's request — failed with 503 and a screenful of errors.
 */
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  const rest = children.filter((c) => c !== natsProcess);
  for (const c of [...rest].reverse()) c.kill('SIGTERM');
  const exit = () => {
    if (CHECK) rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  setTimeout(exit, 10_000).unref();
  atMost(5_000, Promise.all(rest.map(hasExited)))
    .then(() => {
      natsProcess?.kill('SIGTERM');
      return Promise.all(children.map(hasExited));
    })
    .then(exit);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

const DEMO_ORGANISATIONS = [
  ['ubnd-xa', 'peoples-committee', 'UBND xã Demo'],
  ['phong-van-hoa-xa-hoi', 'culture-society-office', 'Phòng Văn hóa – Xã hội'],
  ['phong-kinh-te', 'economic-office', 'Phòng Kinh tế'],
  ['to-cnscd-thon-1', 'village-team', 'Tổ CNSCĐ thôn 1'],
  ['cong-an-xa', 'commune-police', 'Công an xã'],
  [DEMO_BANK, 'bank', 'Ngân hàng demo'],
];
/** Partner-system keys the demo data is loaded with: [name, organisation, role]. */
const DEMO_KEYS = [
  ['villageTeamKey', 'to-cnscd-thon-1', 'team-leader'],
  ['analystKey', 'phong-van-hoa-xa-hoi', 'administrator'],
  ['policeKey', 'cong-an-xa', 'administrator'],
  ['bankKey', DEMO_BANK, 'partner-officer'],
  ['economicOfficeKey', 'phong-kinh-te', 'office-officer'],
];
/** People who sign in: [username, organisation, role]. */
const DEMO_USERS = [
  ['quan.tri', 'ubnd-xa', 'administrator'],
  ['vhxh.can.bo', 'phong-van-hoa-xa-hoi', 'office-officer'],
  ['thon1.to.truong', 'to-cnscd-thon-1', 'team-leader'],
  ['thon1.thanh.vien', 'to-cnscd-thon-1', 'field-member'],
];

/**
 * Demo organisations, people and keys, made once per checkout and kept in .data/demo-credentials.json
 * (mode 0600). The identity service reads only the bootstrap file: hashes, never keys or passwords.
 */
async function demoIdentity() {
  const { default: argon2 } = await import('argon2');
  const credentials = join(dataDir, 'demo-credentials.json');
  const saved = existsSync(credentials) ? JSON.parse(readFileSync(credentials, 'utf8')) : {};
  const keys = Object.fromEntries(
    DEMO_KEYS.map(([name]) => [
      name,
      saved.keys?.[name] ?? {
        keyId: randomUUID(),
        apiKey: `cnscd_demo_${randomBytes(24).toString('base64url')}`,
      },
    ]),
  );
  const users = {};
  for (const [username] of DEMO_USERS) {
    const old = saved.users?.[username];
    const password = old?.password ?? randomBytes(9).toString('base64url');
    users[username] = { password, passwordHash: old?.passwordHash ?? (await argon2.hash(password)) };
  }
  writeFileSync(credentials, JSON.stringify({ keys, users }, null, 2), { mode: 0o600 });
  const sha256 = (k) => createHash('sha256').update(k).digest('hex');
  const bootstrapFile = join(dataDir, 'identity-bootstrap.json');
  const bootstrap = {
    organisations: DEMO_ORGANISATIONS.map(([organisationId, kind, name]) => ({
      commune: DEMO_COMMUNE,
      organisationId,
      kind,
      name,
    })),
    users: DEMO_USERS.map(([username, organisationId, role]) => ({
      commune: DEMO_COMMUNE,
      organisationId,
      username,
      role,
      passwordHash: users[username].passwordHash,
    })),
    apiKeys: DEMO_KEYS.map(([name, organisationId, role]) => ({
      commune: DEMO_COMMUNE,
      organisationId,
      keyId: keys[name].keyId,
      label: `Demo ${name}`,
      role,
      sha256: sha256(keys[name].apiKey),
    })),
  };
  writeFileSync(bootstrapFile, JSON.stringify(bootstrap, null, 2), { mode: 0o600 });
  return {
    bootstrapFile,
    users,
    ...Object.fromEntries(Object.entries(keys).map(([name, k]) => [name, k.apiKey])),
  };
}

/** Secrets made once per checkout: the resident-key secret of the demo commune and the master key. */
function demoSecrets() {
  const file = join(dataDir, 'outreach-secrets.json');
  if (!existsSync(file)) {
    const secret = () => randomBytes(32).toString('base64');
    const content = {
      residentDataMasterKey: secret(),
      communes: { [DEMO_COMMUNE]: { residentKeySecret: secret() } },
    };
    writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600 });
  }
  return file;
}

async function batch(baseUrl, key, items) {
  if (items.length === 0) return [];
  const res = await fetch(`${baseUrl}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ items }),
  });
  if (!res.ok) throw new Error(`demo batch refused (${res.status}): ${await res.text()}`);
  const { results } = await res.json();
  const failed = results.filter((r) => r.status >= 400);
  if (failed.length) throw new Error(`demo data refused: ${JSON.stringify(failed[0].problem)}`);
  return results;
}

/** Sends the demo batches (idempotent: fixed command ids) and answers how many items were new. */
async function seed(keys) {
  const outreach = urlOf('outreach');
  // The commune's villages first: a write naming a village it has not registered is refused.
  const villages = await batch(urlOf('indicators'), keys.analystKey, villagesDemo());
  const registered = await batch(outreach, keys.villageTeamKey, demoBatches().team);
  const residentKeys = registered
    .filter((r) => r.kind === 'register-resident')
    .map((r) => r.result.residentKey);
  const confirmations = demoConfirmations(residentKeys);
  const merchants = merchantsDemo();
  const all = [
    ...villages,
    ...registered,
    ...(await batch(outreach, keys.villageTeamKey, confirmations.team)),
    ...(await batch(outreach, keys.policeKey, confirmations.police)),
    ...(await batch(outreach, keys.bankKey, confirmations.bank)),
    ...(await batch(urlOf('merchants'), keys.economicOfficeKey, merchants.office)),
    ...(await batch(urlOf('merchants'), keys.bankKey, merchants.bank)),
    ...(await batch(urlOf('merchants'), keys.villageTeamKey, merchants.team)),
  ];
  const training = trainingDemo();
  const teams = await batch(urlOf('training'), keys.analystKey, training.office);
  const teamIds = teams.map((r) => r.result.teamId);
  all.push(...teams, ...(await batch(urlOf('training'), keys.analystKey, training.afterTeams(teamIds))));
  all.push(...(await batch(urlOf('indicators'), keys.analystKey, indicatorsDemo())));
  return { total: all.length, created: all.filter((r) => r.status === 201).length };
}

async function main() {
  ensureDependencies();
  ensureWebBuild();
  ensureServicesBuilt();
  const nats = ensureNatsServer();
  mkdirSync(dataDir, { recursive: true });
  for (const [port, what] of [
    [NATS_PORT, 'NATS (CNSCD_NATS_PORT)'],
    [NATS_MONITOR_PORT, 'NATS monitoring (CNSCD_NATS_MONITOR_PORT)'],
    [WEB_PORT, 'the web app (WEB_HTTP_PORT)'],
    ...SERVICES.map((svc) => [svc.port, `${svc.name} (${svc.name.toUpperCase()}_HTTP_PORT)`]),
  ]) {
    if (await canConnect(port))
      throw new Error(`cnscd: port ${port} for ${what} is already in use. Is cnscd already running?`);
  }
  const keys = await demoIdentity();
  const { bootstrapFile, villageTeamKey, analystKey, users } = keys;
  const natsUrl = `nats://127.0.0.1:${NATS_PORT}`;
  const bus = busUsers(root);
  const busFile = join(dataDir, 'nats-users.json');
  writeBusUsers(busFile, bus, natsUrl);
  const password = (user) => bus.find((u) => u.user === user).password;

  natsProcess = run(
    'nats',
    nats,
    [
      '-c',
      'deploy/nats/nats-server.conf',
      '-p',
      String(NATS_PORT),
      '-m',
      String(NATS_MONITOR_PORT),
      '-sd',
      join(dataDir, 'nats'),
    ],
    {
      GOGC: process.env.GOGC ?? NATS_SERVER_GOGC,
      ...Object.fromEntries(bus.map((u) => [u.passwordVariable, passwordValue(u)])),
    },
  );
  await waitFor('NATS', () => canConnect(NATS_PORT), 15_000);

  const extraEnv = {
    outreach: { OUTREACH_SECRETS_FILE: demoSecrets() },
    identity: {
      IDENTITY_BOOTSTRAP_FILE: bootstrapFile,
      IDENTITY_SIGNING_KEY_FILE: join(dataDir, 'identity', 'signing-key.pem'),
    },
  };
  for (const svc of SERVICES) {
    const N = svc.name.toUpperCase();
    run(
      svc.name,
      process.execPath,
      ['-r', join(root, 'scripts', 'built.cjs'), `services/${svc.name}/src/main.ts`],
      {
        NATS_URL: natsUrl,
        NATS_USER: svc.name,
        NATS_PASSWORD: password(svc.name),
        [`${N}_HTTP_PORT`]: String(svc.port),
        [`${N}_DATA_DIR`]: join(dataDir, svc.name),
        ...extraEnv[svc.name],
      },
    );
  }
  for (const svc of SERVICES) await waitFor(`the ${svc.name} service`, () => caughtUp(svc.name), 90_000);
  run('web', process.execPath, ['-r', join(root, 'scripts', 'built.cjs'), 'services/web/src/main.ts'], {
    WEB_HTTP_PORT: String(WEB_PORT),
    ...Object.fromEntries(SERVICES.map((svc) => [`WEB_${svc.name.toUpperCase()}_URL`, urlOf(svc.name)])),
  });
  const webUrl = `http://127.0.0.1:${WEB_PORT}`;
  await waitFor(
    'the web app',
    () =>
      fetch(`${webUrl}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ),
    30_000,
  );
  const seeded = await seed(keys);
  if (CHECK) return smokeCheck(webUrl, analystKey, seeded);
  const outreachUrl = urlOf('outreach');
  const services = SERVICES.map(
    (svc) => ` ${svc.label.padEnd(30)} ${urlOf(svc.name)}   (API docs ${urlOf(svc.name)}/docs)`,
  ).join('\n');

  console.log(`
──────────────────────────────────────────────────────────────────────────────
 cnscd đang chạy / is running          (Ctrl+C để dừng / to stop)

 Ứng dụng web / Web app          ${webUrl}   (đăng nhập bằng người dùng demo bên dưới / sign in as a demo user below)
${services}
 NATS                           ${natsUrl}   (monitoring http://127.0.0.1:${NATS_MONITOR_PORT})
                                người dùng, mật khẩu / users, passwords: ${relative(root, busFile)}

 Xã demo / Demo commune   ${DEMO_COMMUNE}   (${seeded.total} bản ghi mẫu / demo records, ${seeded.created} mới / new)
 Người dùng demo / Demo users (đăng nhập / sign in: POST ${urlOf('identity')}/v1/sessions)
${DEMO_USERS.map(([u, org, role]) => `   ${u.padEnd(18)} ${users[u].password.padEnd(14)} ${role} · ${org}`).join('\n')}
 Khóa Tổ CNSCĐ thôn 1 (ghi + đọc) / village team key (write + read):
   ${villageTeamKey}
 Khóa Phòng VH-XH (đọc, quản lý tổ) / Culture–Society Office key (reads, manages teams):
   ${analystKey}

 Thử / Try:
   curl -H "content-type: application/json" -d '{"commune":"${DEMO_COMMUNE}","username":"quan.tri","password":"${users['quan.tri'].password}"}' ${urlOf('identity')}/v1/sessions
   curl -H "Authorization: Bearer ${analystKey}" "${outreachUrl}/v1/worklist?village=thon-1&indicator=vneid"
   curl -H "Authorization: Bearer ${analystKey}" "${urlOf('merchants')}/v1/places"
   curl -H "Authorization: Bearer ${analystKey}" "${urlOf('training')}/v1/teams/quiet?days=30"
   curl -H "Authorization: Bearer ${analystKey}" "${urlOf('indicators')}/v1/values"
   curl -H "Authorization: Bearer ${analystKey}" -o bao-cao.xlsx "${urlOf('indicators')}/v1/reports/2026-Q3.xlsx"
 Mọi khóa, mật khẩu demo / every demo key and password: .data/demo-credentials.json

 Theo dõi / Observe (docs/operations.md):
   Nhật ký / logs: ở trên, mỗi yêu cầu một dòng / above, one line per request (route, status, ms, trace_id)
   Số đo / metrics (Prometheus): curl -H "Authorization: Bearer ${analystKey}" ${outreachUrl}/metrics
   Độ tươi / freshness:          curl -H "Authorization: Bearer ${analystKey}" ${outreachUrl}/v1/freshness
   Vết / traces: OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 npm start   (tới / to an OTLP collector)
   Phân tích / analysts (docs/analysts.md):
     CNSCD_URL=${webUrl} CNSCD_KEY=${analystKey} npm run cnscd -- replay --from 2025-01-01 --to 2026-12-31
──────────────────────────────────────────────────────────────────────────────`);
}

/**
 * Ready: `up`, or `degraded` only by parked events (caught up, but an operator has something to look at:
 * said here, not waited for). Catching up, stalled or down: not yet. The smoke check wants `up`.
 */
async function caughtUp(name) {
  const res = await fetch(`${urlOf(name)}/health/ready`).catch(() => null);
  if (!res) return false;
  const body = await res.json().catch(() => ({}));
  if (body.status === 'up') return true;
  const projections = Object.entries(body.projections ?? {});
  if (
    CHECK ||
    body.status !== 'degraded' ||
    projections.some(([, p]) => !['live', 'parked'].includes(p.state))
  )
    return false;
  for (const [projection, p] of projections.filter(([, p]) => p.state === 'parked'))
    console.warn(`cnscd: ${name}: ${projection}: ${p.reasons.join('; ')}`);
  return true;
}

/** One demo read through the web app's own proxy: the seeded villages have indicator values. */
async function smokeCheck(webUrl, analystKey, seeded) {
  const page = await fetch(webUrl);
  if (!page.ok) throw new Error(`cnscd check: the web app answered ${page.status} on /`);
  const res = await fetch(`${webUrl}/api/indicators/v1/values`, {
    headers: { authorization: `Bearer ${analystKey}` },
  });
  const body = await res.json().catch(() => null);
  // The villages with something counted, by their registered names (`*` is the commune as a whole).
  const villages = new Set(
    (body?.values ?? [])
      .filter((v) => v.numerator > 0 && v.village !== '*')
      .map((v) => v.villageName ?? v.village),
  );
  if (!res.ok || villages.size === 0)
    throw new Error(
      `cnscd check: the demo read answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`,
    );
  console.log(
    `cnscd check: ✔ ${SERVICES.length} services, NATS and the web app ready; ${seeded.total} demo records; ` +
      `indicator values for ${villages.size} villages (${[...villages].join(', ')}). Stopping.`,
  );
  shutdown(0);
}

main().catch((err) => {
  // Stopping (Ctrl+C) while the demo data is being sent ends that work too: not an error of its own.
  if (stopping) return;
  console.error(err instanceof Error ? err.message : err);
  shutdown(1);
});
