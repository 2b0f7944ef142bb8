// The Failure lab's scripts for the run in progress. The client may use fewer answers than a run
// scripted (it does not retry a long Retry-After; the page may stop the run), so what one run
// leaves must never answer the next run or a plain chat.

/** The route a script answers when it names none (the chat scenarios). */
const CHAT_ROUTE = "POST /chat/completions";

export function createLabScripts() {
  /** @type {{ route?: string }[]} */
  let queue = [];
  return {
    /**
     * Starts a run: these scripts answer the next requests of their `route` (default: chat), in
     * order.
     * @param {{ route?: string }[]} scripts
     */
    replace(scripts) {
      queue = [...scripts];
    },
    /** Ends a run: drops whatever it did not use. */
    clear() {
      queue = [];
    },
    /** Scripts the run has not used yet. */
    pending() {
      return queue.length;
    },
    /**
     * The fake Venice handler: the run's next script when the request is for its route, else
     * `fallback`'s answer.
     * @template {{ route: string }} R
     * @param {(request: R) => object | undefined} fallback
     * @returns {(request: R) => object | undefined}
     */
    handler(fallback) {
      return (request) =>
        queue.length > 0 && request.route === (queue[0]?.route ?? CHAT_ROUTE)
          ? queue.shift()
          : fallback(request);
    },
  };
}
