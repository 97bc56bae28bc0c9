import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { useTracing } from '@cnscd/event-store';

let sdk: NodeSDK | undefined;

/** Tracing is on when an OTLP endpoint (or another span exporter) is named, and not disabled. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER;
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts OpenTelemetry's Node SDK for traces, configured by the standard `OTEL_*` variables (endpoint,
 * protocol, headers, sampler, batch delays: docs/operations.md, "Traces"), when they name where to
 * send spans; otherwise nothing starts and every span helper runs its work directly. Metrics stay
 * Prometheus' (`/metrics`) and logs stay pino's: the SDK exports traces only. No automatic
 * instrumentation: the spans are ours (HTTP request, command, append, projection batch).
 *
 * The SDK is loaded only then: loading it costs every service ≈ 55 MiB of memory and ≈ 1 s of start-up
 * (measured: `node -e "require('@opentelemetry/sdk-node')"`), for nothing while tracing is off (issue 17).
 */
export async function startTracing(service: string): Promise<boolean> {
  if (!tracingConfigured()) return false;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  sdk = new NodeSDK({
    ...(process.env.OTEL_SERVICE_NAME ? {} : { serviceName: `cnscd-${service}` }),
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  useTracing(true);
  return true;
}

/** Sends the spans still buffered (on shutdown: a span of the last second is not lost). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  useTracing(false);
  await running?.shutdown();
}

/** Flushes the spans when the service shuts down (SIGTERM, Ctrl+C). */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}
