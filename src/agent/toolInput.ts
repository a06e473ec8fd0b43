// Checking an agent's tool arguments against the tool's JSON schema (the small subset our schemas
// use: object of string / integer / number / boolean properties, enums, required, no extra keys), so
// a wrong call gets one message naming the argument and what it must be, before anything runs.

/** A property of a tool's input schema (JSON Schema, the subset the tools use). */
export interface PropertySchema {
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  enum?: string[];
  minimum?: number;
}

/** A tool's input schema: an object with these properties, `required` ones, nothing else. */
export interface InputSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties: false;
}

/** An argument the schema refuses (or a request the tool cannot serve): the message is for the agent. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/**
 * The arguments as the schema allows them; throws ToolInputError naming the first wrong argument.
 * `undefined` and `null` values count as absent.
 */
export function checkInput(schema: InputSchema, input: unknown): Record<string, string | number | boolean> {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new ToolInputError('arguments must be a JSON object');
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    const p = schema.properties[k];
    if (!p) throw new ToolInputError(`unknown argument "${k}" (allowed: ${Object.keys(schema.properties).join(', ')})`);
    const ok = p.type === 'string' ? typeof v === 'string'
      : p.type === 'boolean' ? typeof v === 'boolean'
        : typeof v === 'number' && Number.isFinite(v) && (p.type === 'number' || Number.isInteger(v));
    if (!ok) throw new ToolInputError(`argument "${k}" must be ${p.type === 'integer' ? 'an integer' : `a ${p.type}`}, got ${JSON.stringify(v)}`);
    if (p.enum && !p.enum.includes(v as string)) throw new ToolInputError(`argument "${k}" must be one of ${p.enum.join(', ')}, got ${JSON.stringify(v)}`);
    if (p.minimum !== undefined && (v as number) < p.minimum) throw new ToolInputError(`argument "${k}" must be at least ${p.minimum}, got ${v}`);
    out[k] = v as string | number | boolean;
  }
  for (const r of schema.required ?? []) {
    if (!(r in out)) throw new ToolInputError(`missing argument "${r}": ${schema.properties[r].description}`);
  }
  return out;
}
