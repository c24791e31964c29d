import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every function. Log ids and outcomes, never request bodies, tokens or e-mail
 * addresses: the only personal data we hold is civil servants' names and work e-mail.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kur' });
