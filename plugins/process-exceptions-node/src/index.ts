/**
 * Node library of the process-exceptions plugins, for other backend plugins
 * and modules that extend it.
 *
 * @packageDocumentation
 */
export type {
  ExceptionKind,
  ExceptionStatus,
  ProcessException,
  Finding,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
export { PROCESS_EXCEPTIONS_PLUGIN_ID } from '@process-exceptions/backstage-plugin-process-exceptions-common';
export { verifyHmacSha256, verifySharedSecret } from './verifySignature';
export {
  WEBHOOK_SOURCES,
  IGNORED_EVENT_TYPE,
  isWebhookSource,
} from './webhooks/webhookSources';
export type { WebhookSource } from './webhooks/webhookSources';
export { readWebhookSettings } from './webhooks/readWebhookSettings';
export type { WebhookSettings } from './webhooks/readWebhookSettings';
export { deliveryCheck, verifyDelivery } from './webhooks/verifyDelivery';
export type { DeliveryCheck, DeliveryHeaders } from './webhooks/verifyDelivery';
