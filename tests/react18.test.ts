// @venice-errors/react-hooks declares `react: "^18.2.0 || ^19.0.0"` but its own tests run on
// React 19 only. This check packs core and react-hooks exactly as `pnpm publish` would, installs
// both tarballs into an empty npm project next to react@18.2.0, react-dom@18.2.0 and happy-dom,
// and runs a plain ESM script there (no JSX, no bundler) that:
//   1. server-renders provider + hook + toaster with react-dom/server (no console error/warning),
//   2. mounts the same tree in a happy-dom document with react-dom/client's createRoot inside
//      `act` (react-dom/test-utils in 18.2); a component's useVeniceError().handleError(402) on
//      mount must show "Out of credits" in the role="alert" region with the billing link,
//   3. handles a 429 with Retry-After: 5, which must show "Too many requests" in role="status".
// The script prints one JSON line; the tests below judge it.
import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BuildState,
  cleanEnv,
  describeRun,
  ensureBuilt,
  makeTempDir,
  PUBLISHED,
  type PublishedPackage,
  packPackage,
  removeTempDir,
  run,
} from "./helpers/repo.ts";

const REACT = "18.2.0";
const HAPPY_DOM = "21.0.4";
const NPM_INSTALL = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
/** From packages/core/src/locales/en.ts and format.ts. */
const OUT_OF_CREDITS = "Out of credits";
const TOO_MANY_REQUESTS = "Too many requests";
const BILLING = "https://venice.ai/settings/api";

const packed = ["core", "react-hooks"].map((dir) => {
  const pkg = PUBLISHED.find((candidate) => candidate.dir === dir);
  if (!pkg) throw new Error(`packages/${dir} is not a published package`);
  return pkg;
});

let work = "";
let build: BuildState = { ok: true, log: "" };
let pending: Promise<Report> | undefined;

beforeAll(async () => {
  build = await ensureBuilt();
  work = await makeTempDir("react18");
});

afterAll(async () => {
  await pending?.catch(() => undefined);
  await removeTempDir(work);
});

interface Logged {
  level: "error" | "warn";
  message: string;
}
interface Report {
  versions: { react?: string; reactDom?: string; reactAct?: boolean; resolved?: string };
  ssr: { html?: string; logs: Logged[]; error?: string };
  client: {
    logs: Logged[];
    error?: string;
    inline?: string;
    alert?: string;
    link?: { href: string | null; target: string | null; rel: string | null; text: string } | null;
    status?: string;
    alertAfter429?: string;
    retryInSeconds?: number | null;
    containerAfterUnmount?: string;
  };
}

/** The consumer script: plain ESM, React.createElement only, one JSON line on stdout. */
const SCRIPT = `import { format } from "node:util";
const report = { versions: {}, ssr: { logs: [] }, client: { logs: [] } };
const original = { error: console.error, warn: console.warn };
function capture(logs) {
  console.error = (...args) => logs.push({ level: "error", message: format(...args) });
  console.warn = (...args) => logs.push({ level: "warn", message: format(...args) });
}
function restore() {
  console.error = original.error;
  console.warn = original.warn;
}
const describe = (error) => String(error?.stack ?? error).split("\\n").slice(0, 8).join("\\n");

const React = (await import("react")).default;
const hooks = await import("@venice-errors/react-hooks");
const { VeniceErrorProvider, VeniceToaster, useVeniceError } = hooks;
report.versions.react = React.version;
report.versions.reactAct = typeof React.act === "function";
report.versions.resolved = import.meta.resolve("@venice-errors/react-hooks");
const h = React.createElement;

let latest;
function App() {
  const venice = useVeniceError();
  latest = venice;
  const { handleError } = venice;
  React.useEffect(() => {
    handleError({
      status: 402,
      body: { error: "Insufficient USD or Diem balance to complete request." },
    });
  }, [handleError]);
  return h("p", { id: "inline" }, venice.message ? venice.message.title : "no error");
}
const tree = () => h(VeniceErrorProvider, { locale: "en" }, h(App), h(VeniceToaster));

// 1. Server rendering, in plain Node (no window, no document).
capture(report.ssr.logs);
try {
  const { renderToString } = (await import("react-dom/server")).default;
  report.ssr.html = renderToString(tree());
} catch (error) {
  report.ssr.error = describe(error);
} finally {
  restore();
}

// 2. and 3. In a happy-dom document, with react-dom/client.
capture(report.client.logs);
let window;
try {
  const { Window } = await import("happy-dom");
  window = new Window({ url: "http://localhost/" });
  const globals = {
    window,
    document: window.document,
    navigator: window.navigator,
    Node: window.Node,
    Element: window.Element,
    HTMLElement: window.HTMLElement,
    HTMLIFrameElement: window.HTMLIFrameElement,
    Event: window.Event,
    KeyboardEvent: window.KeyboardEvent,
    MouseEvent: window.MouseEvent,
    FocusEvent: window.FocusEvent,
    getComputedStyle: window.getComputedStyle.bind(window),
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  // react-dom decides whether it can use the DOM when it loads: load it after the globals.
  const ReactDOM = (await import("react-dom")).default;
  const { createRoot } = (await import("react-dom/client")).default;
  const act =
    typeof React.act === "function" ? React.act : (await import("react-dom/test-utils")).default.act;
  report.versions.reactDom = ReactDOM.version;

  const container = window.document.createElement("div");
  window.document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(tree());
  });
  const region = (role) => container.querySelector('[role="' + role + '"]');
  report.client.inline = container.querySelector("#inline")?.textContent ?? undefined;
  report.client.alert = region("alert")?.textContent ?? undefined;
  const link = region("alert")?.querySelector("a") ?? null;
  report.client.link = link && {
    href: link.getAttribute("href"),
    target: link.getAttribute("target"),
    rel: link.getAttribute("rel"),
    text: link.textContent,
  };

  await act(async () => {
    latest.handleError({
      status: 429,
      headers: { "retry-after": "5" },
      body: { error: "Rate limit exceeded" },
    });
  });
  report.client.status = region("status")?.textContent ?? undefined;
  report.client.alertAfter429 = region("alert")?.textContent ?? undefined;
  report.client.retryInSeconds = latest.retryInSeconds ?? null;

  await act(async () => {
    root.unmount();
  });
  report.client.containerAfterUnmount = container.innerHTML;
} catch (error) {
  report.client.error = describe(error);
} finally {
  restore();
  await window?.happyDOM?.close?.();
}

process.stdout.write(JSON.stringify(report) + "\\n");
process.exit(0);
`;

function pack(pkg: PublishedPackage): Promise<string> {
  return packPackage(pkg, work, build);
}

async function runScenario(): Promise<Report> {
  const tgzs = await Promise.all(packed.map(pack));
  const project = join(work, "consumer");
  mkdirSync(project, { recursive: true });
  await writeFile(
    join(project, "package.json"),
    `${JSON.stringify({ name: "smoke-react18", version: "0.0.0", private: true }, null, 2)}\n`,
  );
  const install = await run(
    "npm",
    [...NPM_INSTALL, ...tgzs, `react@${REACT}`, `react-dom@${REACT}`, `happy-dom@${HAPPY_DOM}`],
    { cwd: project, env: cleanEnv(), timeoutMs: 240_000 },
  );
  if (install.code !== 0) {
    throw new Error(
      `npm install of the packed tarballs with React ${REACT} failed.\n${describeRun(install)}`,
    );
  }
  const script = join(project, "react18.mjs");
  await writeFile(script, SCRIPT);
  const result = await run(process.execPath, [script], {
    cwd: project,
    env: cleanEnv(),
    timeoutMs: 60_000,
  });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as Report;
  } catch {
    throw new Error(`the React ${REACT} script printed no JSON report.\n${describeRun(result)}`);
  }
}

/** Packs, installs and runs the script once; every test below reads the same report. */
function scenario(): Promise<Report> {
  pending ??= runScenario();
  return pending;
}

const show = (logs: Logged[]) => logs.map((log) => `${log.level}: ${log.message}`).join("\n");

describe(`@venice-errors/react-hooks (packed tarball) with React ${REACT}`, () => {
  it(`installs next to react@${REACT} and react-dom@${REACT} and loads its ESM build`, async () => {
    const { versions } = await scenario();
    expect(versions.react).toBe(REACT);
    expect(versions.reactDom).toBe(REACT);
    expect(versions.resolved).toMatch(/\/node_modules\/@venice-errors\/react-hooks\/dist\/.+\.js$/);
    console.log(
      `React ${versions.react}: act from ${versions.reactAct ? "react" : "react-dom/test-utils"}`,
    );
  });

  it("server-renders provider, hook and toaster with renderToString, no error or warning", async () => {
    const { ssr } = await scenario();
    expect(ssr.error, "renderToString threw").toBeUndefined();
    expect(ssr.logs, `console output during SSR:\n${show(ssr.logs)}`).toEqual([]);
    expect(ssr.html).toContain('role="alert"');
    expect(ssr.html).toContain('role="status"');
    expect(ssr.html).toContain("no error");
  });

  it(`createRoot + act: a 402 on mount shows "${OUT_OF_CREDITS}" as an alert with the billing link`, async () => {
    const { client } = await scenario();
    expect(client.error, "mounting with react-dom/client threw").toBeUndefined();
    expect(client.inline, "useVeniceError().message.title").toBe(OUT_OF_CREDITS);
    expect(client.alert, 'text of the role="alert" region').toContain(OUT_OF_CREDITS);
    expect(client.link, 'the link in the role="alert" region').toMatchObject({
      href: BILLING,
      target: "_blank",
      rel: "noopener noreferrer",
    });
  });

  it(`a 429 with Retry-After: 5 shows "${TOO_MANY_REQUESTS}" in the role="status" region`, async () => {
    const { client } = await scenario();
    expect(client.error, "handling the 429 threw").toBeUndefined();
    expect(client.status, 'text of the role="status" region').toContain(TOO_MANY_REQUESTS);
    expect(client.status).toMatch(/Retry in [1-5] s/);
    expect(client.status).not.toContain(OUT_OF_CREDITS);
    expect(client.alertAfter429, "the blocking 402 toast stays").toContain(OUT_OF_CREDITS);
    expect(client.retryInSeconds).toBeGreaterThanOrEqual(1);
    expect(client.retryInSeconds).toBeLessThanOrEqual(5);
    expect(client.containerAfterUnmount, "unmount leaves an empty container").toBe("");
  });

  it("logs no React error or warning in the browser-like run", async () => {
    const { client } = await scenario();
    expect(client.logs, `console output with react-dom/client:\n${show(client.logs)}`).toEqual([]);
  });
});
