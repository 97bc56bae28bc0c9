import { randomBytes, randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@cnscd/testing';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';

/**
 * Issue 18: every service exports its spans over OTLP/HTTP (configured by the standard OTEL_*
 * variables) to a receiver in the test, and one visit logged by a village team is one trace: the
 * request in outreach, its command, the append to JetStream, and the projections in outreach and in
 * the indicators service that applied the commit — each span the child of the one before.
 */
jest.setTimeout(180_000);

const TEAM = anOrganisation('village-team', 'team-leader', 'team');

let d: DeploymentUnderTest;
let otlp: OtlpReceiver;
beforeAll(async () => {
  otlp = await startOtlpReceiver();
  const tracing = {
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
  d = await startDeployment([TEAM], {
    env: Object.fromEntries(SERVICE_NAMES.map((s) => [s, tracing])),
  });
}, 180_000);
afterAll(async () => {
  await d?.stop();
  await otlp?.stop();
}, 60_000);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

const named = (service: string, name: string | RegExp) => (s: ReceivedSpan) =>
  s.service === `cnscd-${service}` && (typeof name === 'string' ? s.name === name : name.test(s.name));

/** The spans of a trace, once every one `expected` names has arrived (each exporter sends on its own). */
async function traceWith(
  traceId: string,
  expected: ((s: ReceivedSpan) => boolean)[],
): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const spans = otlp.spans().filter((s) => s.traceId === traceId);
    if (expected.every((e) => spans.some(e))) return spans;
    if (Date.now() > deadline)
      throw new Error(
        `trace ${traceId}: ${spans.map((s) => `${s.service} ${s.name}`).join(', ') || 'no spans'}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The one span of the trace that `service` named so. */
const one = (spans: ReceivedSpan[], service: string, name: string | RegExp) => {
  const found = spans.filter(named(service, name));
  expect(found).toHaveLength(1);
  return found[0]!;
};

it('follows one visit from the phone’s request through the append to the indicators projection', async () => {
  const [traceId, callerSpan] = [hex(16), hex(8)];
  const res = await fetch(`${d.services.outreach.url}/v1/visits`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${d.keys['team']}`,
      traceparent: `00-${traceId}-${callerSpan}-01`,
    },
    body: JSON.stringify({
      commandId: randomUUID(),
      occurredAt: '2026-03-02T08:30:00+07:00',
      villageCode: 'thon-1',
      householdId: randomUUID(),
      topics: ['vneid', 'e-health-record'],
    }),
  });
  expect(res.status).toBe(201);

  const spans = await traceWith(traceId, [
    named('outreach', 'POST /v1/visits'),
    named('outreach', 'command log-visit'),
    named('outreach', 'append outreach'),
    named('outreach', /^apply /),
    named('indicators', /^apply /),
  ]);
  const request = one(spans, 'outreach', 'POST /v1/visits');
  const command = one(spans, 'outreach', 'command log-visit');
  const append = one(spans, 'outreach', 'append outreach');
  expect(request.parentSpanId).toBe(callerSpan);
  expect(command.parentSpanId).toBe(request.spanId);
  expect(append.parentSpanId).toBe(command.spanId);
  // Every projection that applied the commit, in the indicators and in outreach itself, is its child.
  for (const service of ['indicators', 'outreach'])
    expect(spans.filter(named(service, /^apply /)).map((s) => s.parentSpanId)).toContain(append.spanId);
  // Nothing the team sent is in a span: no attribute holds the household's id or the topics.
  expect(JSON.stringify(spans.map((s) => s.attributes))).not.toMatch(/thon-1|householdId/);
});

it('continues the trace of a partner’s NATS request in the command it runs', async () => {
  const [traceId, callerSpan] = [hex(16), hex(8)];
  const h = natsHeaders();
  h.set('Authorization', `Bearer ${d.keys['team']}`);
  h.set('traceparent', `00-${traceId}-${callerSpan}-01`);
  const reply = await d.nc.request(
    'cnscd.outreach.cmd.log-visit',
    JSON.stringify({
      commandId: randomUUID(),
      occurredAt: '2026-03-03T08:30:00+07:00',
      villageCode: 'thon-1',
      householdId: randomUUID(),
      topics: ['digital-signature'],
    }),
    { timeout: 5000, headers: h },
  );
  expect(reply.json()).toMatchObject({ response: { status: 'appended' } });
  const spans = await traceWith(traceId, [
    named('outreach', 'command log-visit'),
    named('outreach', 'append outreach'),
    named('indicators', /^apply /),
  ]);
  const command = one(spans, 'outreach', 'command log-visit');
  expect(command.parentSpanId).toBe(callerSpan);
  expect(one(spans, 'outreach', 'append outreach').parentSpanId).toBe(command.spanId);
});
