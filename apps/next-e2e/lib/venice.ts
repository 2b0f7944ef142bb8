import { createVeniceClient, type VeniceClient } from "@venice-errors/node-client";

let client: VeniceClient | undefined;

/**
 * The server's one Venice client. The test points it at its fake Venice through
 * `VENICE_BASE_URL` and gives it a key through `VENICE_API_KEY` (read at the first request, not
 * at build time). No retries and no failure budget: each case sees exactly the answer it scripted.
 */
export function venice(): VeniceClient {
  client ??= createVeniceClient({
    baseURL: process.env.VENICE_BASE_URL,
    maxRetries: 0,
    failureBudget: false,
  });
  return client;
}

/** One chat turn; `stream: true` reads the whole stream first, so a cut stream still fails here. */
export async function ask(prompt: string, stream = false): Promise<string> {
  const messages = [{ role: "user" as const, content: prompt }];
  if (!stream) {
    const completion = await venice().chat.completions.create({ model: "llama-3.3-70b", messages });
    return completion.choices[0]?.message.content ?? "";
  }
  let text = "";
  const chunks = await venice().chat.completions.create({
    model: "llama-3.3-70b",
    messages,
    stream: true,
  });
  for await (const chunk of chunks) text += chunk.choices[0]?.delta?.content ?? "";
  return text;
}
