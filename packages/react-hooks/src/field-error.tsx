import type { VeniceFieldErrors } from "@venice-errors/core";
import type { ReactElement } from "react";

/** Options of `veniceFieldProps` and `VeniceFieldError`. */
export interface VeniceFieldOptions {
  /** Also take the errors of paths below `name` (`"messages.0.content"` for `"messages"`). */
  nested?: boolean;
}

function messagesOf(
  errors: VeniceFieldErrors | null | undefined,
  name: string,
  nested?: boolean,
): string[] {
  if (!errors) return [];
  if (!nested) return Object.hasOwn(errors, name) ? (errors[name] ?? []) : [];
  const prefix = name ? `${name}.` : "";
  const found = Object.keys(errors)
    .filter((path) => path === name || path.startsWith(prefix))
    .flatMap((path) => errors[path] ?? []);
  return [...new Set(found)];
}

/** The element id `VeniceFieldError` uses for `name`, for `aria-describedby`. */
export function veniceFieldErrorId(name: string): string {
  return `venice-field-error-${name.replace(/[^\w-]/g, "-") || "request"}`;
}

/** `aria-invalid` and `aria-describedby` for the input of `name`, when it has errors. */
export function veniceFieldProps(
  errors: VeniceFieldErrors | null | undefined,
  name: string,
  options: VeniceFieldOptions = {},
): { "aria-invalid"?: true; "aria-describedby"?: string } {
  return messagesOf(errors, name, options.nested).length > 0
    ? { "aria-invalid": true, "aria-describedby": veniceFieldErrorId(name) }
    : {};
}

/** Props of `VeniceFieldError`. */
export interface VeniceFieldErrorProps extends VeniceFieldOptions {
  /** `fieldErrors` from `useVeniceError()`. */
  errors: VeniceFieldErrors | null | undefined;
  /** Dotted path as the API reports it: `"messages.0.content"`; `""` for request-level errors. */
  name: string;
  /** Defaults to `veniceFieldErrorId(name)`. */
  id?: string;
  className?: string;
}

/**
 * The validation messages of one field, as text, with an id to point `aria-describedby` at.
 * Renders nothing when the field has none.
 */
export function VeniceFieldError({
  errors,
  name,
  id,
  className = "venice-field-error",
  nested,
}: VeniceFieldErrorProps): ReactElement | null {
  const messages = messagesOf(errors, name, nested);
  if (messages.length === 0) return null;
  return (
    <span id={id ?? veniceFieldErrorId(name)} className={className}>
      {messages.join(" ")}
    </span>
  );
}
