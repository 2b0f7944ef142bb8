/**
 * The default toaster stylesheet. Colours are custom properties (`--venice-bg`, `--venice-fg`,
 * `--venice-muted`, `--venice-border`, `--venice-accent`, `--venice-blocking`) with dark values
 * under `prefers-color-scheme: dark`. No quotes, `<`, `>` or `&`: it is rendered as a text child.
 * Shared declarations are written once (the three column boxes, the two buttons); the detail
 * line inherits the toast's colour.
 */
export const veniceToasterCss =
  ".venice-toaster{--venice-bg:#fff;--venice-fg:#18181b;--venice-muted:#52525b;--venice-border:#d4d4d8;--venice-accent:#1d4ed8;--venice-blocking:#b91c1c;position:fixed;z-index:2147483000;right:16px;bottom:16px;width:min(380px,100vw - 32px);pointer-events:none;font:inherit}" +
  "@media (prefers-color-scheme:dark){.venice-toaster{--venice-bg:#27272a;--venice-fg:#fafafa;--venice-muted:#a1a1aa;--venice-border:#3f3f46;--venice-accent:#93c5fd;--venice-blocking:#fca5a5}}" +
  ".venice-toaster,.venice-toaster-list,.venice-toast{display:flex;flex-flow:column;gap:8px}" +
  ".venice-toast{pointer-events:auto;gap:4px;padding:12px 14px;border:1px solid var(--venice-border);border-left:4px solid var(--venice-accent);border-radius:8px;background:var(--venice-bg);color:var(--venice-fg);box-shadow:0 4px 16px rgb(0 0 0/.16);line-height:1.4}" +
  ".venice-toast[data-blocking]{border-left-color:var(--venice-blocking)}" +
  ".venice-toast-description,.venice-toast-detail{font-size:.9em;overflow-wrap:anywhere}" +
  ".venice-toast-description{color:var(--venice-muted)}" +
  ".venice-toast-actions{display:flex;align-items:center;gap:8px;margin-top:4px}" +
  ".venice-toast-action,.venice-toast-dismiss{font:inherit;font-size:.9em;color:var(--venice-fg);background:none;border:1px solid var(--venice-border);border-radius:6px;padding:4px 10px;cursor:pointer;text-decoration:none}" +
  ".venice-toast-action,.venice-toast-hint{font-size:.9em;font-weight:600}" +
  ".venice-toast-action{color:var(--venice-accent)}" +
  ".venice-toast-action:disabled{cursor:not-allowed;opacity:.6}" +
  ".venice-toast-dismiss{margin-left:auto;border-color:transparent;line-height:1}" +
  ".venice-toast :focus-visible{outline:2px solid var(--venice-accent);outline-offset:2px}";
