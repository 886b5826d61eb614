import { expect } from "vitest";
import { MaterialError } from "../scripts/post/download";

/** The MaterialError a promise rejects with; the test fails if it resolves or rejects with anything else. */
export async function materialError(promise: Promise<unknown>): Promise<MaterialError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MaterialError);
  if (!(error instanceof MaterialError)) throw new Error(`expected a MaterialError, got ${String(error)}`);
  return error;
}

/** The message of the MaterialError a promise rejects with. */
export async function materialRefusal(promise: Promise<unknown>): Promise<string> {
  return (await materialError(promise)).message;
}
