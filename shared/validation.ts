import type { z } from "zod";

/**
 * One way to turn a schema failure into the sentence a client sees: the field's path
 * (`script_config.material_list[2]`) and the rule it broke. Both the worker (40001
 * answers) and the agent (protocol errors) report through this.
 */
export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root = "",
): Validated<z.output<S>> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, message: issue ? describeIssue(issue, root) : `${root || "input"} is invalid` };
}

export function describeIssue(issue: z.core.$ZodIssue, root = ""): string {
  const field = fieldPath(root, issue.path) || "body";
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `${field} is required (${expectedName(issue.expected)})`
        : `${field} must be ${expectedName(issue.expected)}, got ${typeName(issue.input)}`;
    case "unrecognized_keys":
      return `${field} has unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys
        .map((k) => fieldPath(field === "body" ? "" : field, [k]))
        .join(", ")}`;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const word = issue.code === "too_small" ? "at least" : "at most";
      if (issue.origin === "array" || issue.origin === "set") return `${field} must have ${word} ${String(bound)} items`;
      if (issue.origin === "string") return `${field} must be ${word} ${String(bound)} characters long`;
      return `${field} must be ${word} ${String(bound)}`;
    }
    case "invalid_value":
      return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return `${field} has the wrong type: ${issue.message}`;
    default:
      // Messages written in the schemas read "must be …": they follow the field's name.
      return issue.message.startsWith("must ") ? `${field} ${issue.message}` : `${field}: ${issue.message}`;
  }
}

export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function expectedName(expected: string): string {
  switch (expected) {
    case "int":
      return "an integer";
    case "array":
    case "object":
      return `an ${expected}`;
    default:
      return `a ${expected}`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isInteger(value)) return "a fraction";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
