import { AdbTimeoutError } from "./errors";

/**
 * Settles like `call`, or rejects with AdbTimeoutError after `timeoutMs`. adbkit calls have
 * no timeout (a phone that stops answering hangs them forever), so every adb call in the
 * agent goes through here. `onTimeout` lets the caller free what the hung call holds (close
 * its socket); a late result or rejection of `call` is swallowed, never left unhandled.
 */
export function withDeadline<T>(operation: string, timeoutMs: number, call: PromiseLike<T>, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new AdbTimeoutError(operation, timeoutMs));
      onTimeout?.();
    }, timeoutMs);
    Promise.resolve(call).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
