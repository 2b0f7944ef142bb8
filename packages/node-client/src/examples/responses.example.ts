import { isVeniceError } from "@venice-errors/core";
import { createVeniceClient, type ResponsePartialOutput } from "@venice-errors/node-client";

/** Streams a Responses API answer; on failure, keeps what had arrived. */
export async function answer(question: string, venice = createVeniceClient()): Promise<string> {
  const stream = await venice.responses.create({
    model: "venice-uncensored",
    input: question,
    stream: true,
  });
  let text = "";
  try {
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") text += event.delta ?? "";
    }
    return text;
  } catch (error) {
    // `response.failed` and `error` events are VeniceErrors with the event's code (status 200).
    if (isVeniceError(error) && error.code === "MODEL_OVERLOADED") {
      const partial = error.partialOutput as ResponsePartialOutput;
      return `${partial.text} [interrupted: retry in ${(error.retryAfterMs ?? 30_000) / 1000} s]`;
    }
    throw error;
  }
}
