import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { VeniceFieldError, veniceFieldErrorId, veniceFieldProps } from "./field-error.js";
import { renderToaster } from "./testing/render-toaster.js";

afterEach(cleanup);

const validation = {
  status: 400,
  body: {
    error: "Invalid request parameters",
    issues: [
      { code: "too_big", maximum: 4096, path: ["messages", 0, "content"] },
      { code: "custom", message: "<b>bad</b>", path: ["temperature"] },
      {
        code: "unrecognized_keys",
        keys: ["safe_mode"],
        path: [],
        message: "Unrecognized key(s) in object: 'safe_mode'",
      },
    ],
  },
};

describe("field errors", () => {
  it("puts each field's messages next to its input, linked by aria-describedby", () => {
    const { handle, hook, rerender } = renderToaster();
    handle(validation);
    const fieldErrors = hook.current?.fieldErrors;
    rerender(
      <form>
        <textarea aria-label="Prompt" {...veniceFieldProps(fieldErrors, "messages.0.content")} />
        <VeniceFieldError errors={fieldErrors} name="messages.0.content" />
        <input aria-label="Temperature" {...veniceFieldProps(fieldErrors, "temperature")} />
        <VeniceFieldError errors={fieldErrors} name="temperature" />
        <input aria-label="Model" {...veniceFieldProps(fieldErrors, "model")} />
        <VeniceFieldError errors={fieldErrors} name="model" />
        <VeniceFieldError errors={fieldErrors} name="" />
      </form>,
    );
    const prompt = screen.getByLabelText("Prompt");
    expect(prompt.getAttribute("aria-invalid")).toBe("true");
    const described = document.getElementById(prompt.getAttribute("aria-describedby") ?? "");
    expect(described?.textContent).toBe("Must be at most 4096");
    // Text only, even when the server sends markup.
    const temperature = document.getElementById(veniceFieldErrorId("temperature"));
    expect(temperature?.textContent).toBe("<b>bad</b>");
    expect(temperature?.querySelector("b")).toBeNull();
    // No errors: no attributes, nothing rendered.
    expect(screen.getByLabelText("Model").hasAttribute("aria-invalid")).toBe(false);
    expect(document.getElementById(veniceFieldErrorId("model"))).toBeNull();
    expect(document.getElementById(veniceFieldErrorId(""))?.textContent).toContain("safe_mode");
  });

  it("collects nested paths on request", () => {
    const errors = {
      messages: ["Required"],
      "messages.0.content": ["Too long"],
      messagesX: ["no"],
    };
    render(<VeniceFieldError errors={errors} name="messages" nested />);
    expect(document.getElementById(veniceFieldErrorId("messages"))?.textContent).toBe(
      "Required Too long",
    );
    expect(veniceFieldProps(errors, "messages.0", { nested: true })).toEqual({
      "aria-invalid": true,
      "aria-describedby": "venice-field-error-messages-0",
    });
    expect(veniceFieldProps(errors, "messages.0")).toEqual({});
  });

  it("makes ids that are valid and stable", () => {
    expect(veniceFieldErrorId("messages.0.content")).toBe("venice-field-error-messages-0-content");
    expect(veniceFieldErrorId("")).toBe("venice-field-error-request");
  });

  it("ignores inherited keys and empty input", () => {
    render(<VeniceFieldError errors={{}} name="constructor" />);
    render(<VeniceFieldError errors={null} name="x" id="custom" />);
    expect(document.body.textContent).toBe("");
    expect(veniceFieldProps(undefined, "x")).toEqual({});
  });
});
