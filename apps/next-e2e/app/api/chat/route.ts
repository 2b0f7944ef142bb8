import { veniceErrorResponse } from "@venice-errors/core";
import { ask } from "../../../lib/venice";

export async function POST(request: Request): Promise<Response> {
  try {
    const { prompt, stream } = (await request.json()) as { prompt: string; stream?: boolean };
    return Response.json({ text: await ask(prompt, stream) });
  } catch (error) {
    return veniceErrorResponse(error);
  }
}
