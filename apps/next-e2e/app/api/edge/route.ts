import { parseVeniceError, veniceErrorResponse } from "@venice-errors/core";

// core alone (no node-client, which is for Node servers) in Next's edge runtime.
export const runtime = "edge";

export async function POST(request: Request): Promise<Response> {
  const { prompt } = (await request.json()) as { prompt: string };
  const answer = await fetch(`${process.env.VENICE_BASE_URL}/chat/completions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${process.env.VENICE_API_KEY}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ model: "llama-3.3-70b", messages: [{ role: "user", content: prompt }] }),
  });
  if (!answer.ok) return veniceErrorResponse(await parseVeniceError(answer));
  const completion = (await answer.json()) as { choices: { message: { content: string } }[] };
  return Response.json({ text: completion.choices[0]?.message.content ?? "" });
}
