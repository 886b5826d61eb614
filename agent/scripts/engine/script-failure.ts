import { FailCode } from "../../../shared/fail-codes";

/** A run ends with this code and remark; thrown by any step of a script. */
export class ScriptFailure extends Error {
  override readonly name = "ScriptFailure";
  constructor(
    readonly failCode: FailCode,
    message: string,
  ) {
    super(message);
  }
}
