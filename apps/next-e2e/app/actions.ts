"use server";
import { type VeniceActionFailure, veniceActionError } from "@venice-errors/core";
import { ask } from "../lib/venice";

export type AskResult = { ok: true; text: string } | VeniceActionFailure;

/** The documented way: a failure is returned as plain JSON, so it reaches the browser whole. */
export async function askAction(_previous: AskResult | null, form: FormData): Promise<AskResult> {
  try {
    return { ok: true, text: await ask(String(form.get("prompt"))) };
  } catch (error) {
    return veniceActionError(error);
  }
}

/** The mistake: a thrown error. In production Next sends the browser only a digest. */
export async function askThrowing(prompt: string): Promise<string> {
  return ask(prompt);
}
