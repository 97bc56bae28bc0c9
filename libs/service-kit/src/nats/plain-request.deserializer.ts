import { NatsRequestJSONDeserializer } from '@nestjs/microservices';

type Options = { channel: string; replyTo?: string };

/**
 * Nest treats a NATS message without its own envelope as an event and never replies. Partner
 * systems send plain JSON requests: when such a message has a reply subject, answer it.
 * Replies keep Nest's shape: `{ id, response }` on success, `{ id, err: <problem details> }` on failure.
 */
export class PlainRequestDeserializer extends NatsRequestJSONDeserializer {
  override deserialize(value: { json(): unknown }, options?: Options) {
    const packet = super.deserialize(value, options) as { id?: string; pattern: unknown; data: unknown };
    return packet.id === undefined && options?.replyTo ? { ...packet, id: options.replyTo } : packet;
  }
}
