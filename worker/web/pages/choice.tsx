/** @jsxImportSource hono/jsx */

interface ChoiceProps {
  label: string;
  name: string;
  /** A first option that picks nothing ("Any"), for a filter; none for a field that must have a value. */
  any?: string;
  chosen: string | undefined;
  options: readonly (readonly [string, string])[];
}

/** A labelled drop-down: for a filter "Any" first, then the values, the chosen one selected. */
export function Choice({ label, name, any, chosen, options }: ChoiceProps) {
  return (
    <label>
      {label}
      <select name={name}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map(([value, text]) => (
          <option value={value} selected={chosen === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
