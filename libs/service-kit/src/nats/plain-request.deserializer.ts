import { NatsRequestJSONDeserializer } from '@nestjs/microservices';

type Options = { channel: string; replyTo?: string };

/** What a request whose body is not JSON carries to its handler, which answers 400 (`MalformedRequestError`). */
export class NotJson {}

/**
 * Nest treats a NATS message without its own envelope as an event and never replies. Partner
 * systems send plain JSON requests: when such a message has a reply subject, answer it. A body that is
 * not JSON is answered too, with a problem, never left without a reply.
 * Replies keep Nest's shape: `{ id, response }` on success, `{ id, err: <problem details> }` on failure.
 */
export class PlainRequestDeserializer extends NatsRequestJSONDeserializer {
  override deserialize(value: { json(): unknown }, options?: Options) {
    let packet: { id?: string; pattern: unknown; data: unknown };
    try {
      packet = super.deserialize(value, options) as typeof packet;
    } catch {
      packet = { pattern: options?.channel, data: new NotJson() };
    }
    return packet.id === undefined && options?.replyTo ? { ...packet, id: options.replyTo } : packet;
  }
}
