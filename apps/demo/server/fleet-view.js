// GET /api/fleet: what each instance of a fleet knows about the shared API key: the coordinator's
// view (failure budget, cooldowns, lock-out), the fake Venice's own count, and the instance's log.

/**
 * @typedef {{
 *   name: string,
 *   members: () => { name: string, url: string }[],
 *   describe: () => Record<string, unknown>,
 * }} FleetMember
 */

/**
 * This instance's view.
 * @param {FleetMember} fleet
 * @param {ReturnType<typeof import("./call-log.js").createCallLog>} callLog
 */
export function instanceView(fleet, callLog) {
  return {
    instance: fleet.name,
    ...fleet.describe(),
    log: callLog.recent().map(({ id, scenario, model, endedAt, status, code }) => ({
      id,
      at: endedAt,
      ...(scenario ? { scenario } : {}),
      ...(model ? { model } : {}),
      status,
      code,
    })),
    now: Date.now(),
  };
}

/**
 * Every instance's view, in fleet order: this one's from memory, the others' asked over HTTP
 * (an instance that does not answer in a second is shown as unreachable).
 * @param {FleetMember} fleet
 * @param {ReturnType<typeof import("./call-log.js").createCallLog>} callLog
 */
export async function fleetOverview(fleet, callLog) {
  const instances = await Promise.all(
    fleet.members().map(async ({ name, url }) => {
      if (name === fleet.name) return instanceView(fleet, callLog);
      try {
        const response = await fetch(`${url}/api/fleet/instance`, {
          signal: AbortSignal.timeout(1_000),
        });
        return await response.json();
      } catch {
        return { instance: name, unreachable: true };
      }
    }),
  );
  return { self: fleet.name, instances };
}
