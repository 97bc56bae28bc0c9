/**
 * Where an OpenAPI document leaves a successful answer undescribed: a 2xx answer (but 204) without content, or a
 * schema somewhere in it (components it refers to included) that says nothing at all (`{}`, what
 * `z.unknown()` becomes). A free-form map's values (`additionalProperties: {}`) are allowed: an event's
 * data, say, is described by its own contract.
 */
export function unschemedAnswers(doc: {
  paths: Record<string, Record<string, { responses?: Record<string, Answer> }>>;
  components?: { schemas?: Record<string, unknown> };
}): string[] {
  const found: string[] = [];
  const components = doc.components?.schemas ?? {};
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods))
      for (const [status, answer] of Object.entries(op.responses ?? {})) {
        // 204 No Content is the one success that has nothing to describe.
        if (!/^2/.test(status) || status === '204') continue;
        const where = `${method.toUpperCase()} ${path} ${status}`;
        const media = Object.entries(answer.content ?? {});
        if (media.length === 0) found.push(`${where}: no content`);
        for (const [type, { schema }] of media)
          for (const at of emptySchemas(schema, components, `${where} ${type}`)) found.push(at);
      }
  return found;
}

interface Answer {
  readonly content?: Record<string, { schema?: unknown }>;
}

function emptySchemas(
  schema: unknown,
  components: Record<string, unknown>,
  where: string,
  seen = new Set<string>(),
): string[] {
  if (schema === undefined || (isObject(schema) && Object.keys(schema).length === 0)) return [`${where}: {}`];
  if (!isObject(schema)) return [];
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    seen.add(name);
    return emptySchemas(components[name], components, `${where} → ${name}`, seen);
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'additionalProperties' || key === 'examples' || key === 'default' || key === 'const')
      continue;
    if (key === 'properties' && isObject(value))
      for (const [name, property] of Object.entries(value))
        out.push(...emptySchemas(property, components, `${where}.${name}`, seen));
    else if (key === 'items' || key === 'not')
      out.push(...emptySchemas(value, components, `${where}[]`, seen));
    else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value))
      for (const option of value) out.push(...emptySchemas(option, components, where, seen));
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
