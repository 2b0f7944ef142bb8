/** A validation message shown under its input; the input points here with `aria-describedby`. */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <span className="field-error" id={id}>
      {messages.join(" ")}
    </span>
  );
}

/** Field errors for one input: `messages` also collects `messages.0.content` and friends. */
export function errorsFor(
  fieldErrors: Record<string, string[]>,
  field: string,
): string[] | undefined {
  const found = Object.entries(fieldErrors)
    .filter(([path]) => path === field || path.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
  return found.length > 0 ? found : undefined;
}
