import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Metrics as MetricsPort } from './ports.ts';

/**
 * One logger for every function. Log ids and outcomes, never request bodies, tokens or e-mail
 * addresses: the only personal data we hold is civil servants' names and work e-mail.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kur' });

/**
 * Business metrics as CloudWatch embedded metric format (EMF) lines in the function's log; the
 * namespace (`KurGrants/<stage>`) and the `service` dimension come from the function's environment
 * (KurFunction). Under POWERTOOLS_DEV (tests, local stack) Powertools disables them unless
 * POWERTOOLS_METRICS_DISABLED=false.
 */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'KurGrants' });

/**
 * X-Ray traces: the handler and every AWS SDK call of the clients captured where they are made
 * (the DynamoDB and SES adapters). Outside Lambda (tests, local stack) it does nothing.
 */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kur' });

/** The Metrics port of the use cases and the composition root, on Powertools Metrics. */
export const metricsPort: MetricsPort = {
  count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
  seconds: (name, value) => metrics.addMetric(name, MetricUnit.Seconds, value),
};

/**
 * Writes the invocation's metrics at its end, success or error. Unlike Powertools' logMetrics it
 * stays silent when there are none (most reads count nothing), instead of warning every time.
 */
const publishMetrics = (): MiddlewareObj => {
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

/** Sets the log's correlation id from the event (the API's request id, the schedule's execution id). */
const correlate = <E>(correlationId: (event: E) => string | undefined): MiddlewareObj<E> => ({
  before: (request) => {
    const id = correlationId(request.event);
    if (id) logger.setCorrelationId(id);
  },
});

/**
 * The observability middlewares of every handler, in one place: the Lambda context and the
 * correlation id on every log line (keys reset per invocation), the handler traced (its response is
 * not put into the trace: it carries personal data), and the metrics flushed at the end.
 */
export const observability = <E, R = unknown, C extends Context = Context>(
  correlationId: (event: E) => string | undefined,
): MiddlewareObj<E, R, Error, C>[] =>
  [
    injectLambdaContext(logger, { resetKeys: true }),
    correlate<E>(correlationId),
    captureLambdaHandler(tracer, { captureResponse: false }),
    publishMetrics(),
  ] as MiddlewareObj<E, R, Error, C>[];
