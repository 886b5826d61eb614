import type { Platform } from "../../../shared/platforms";
import type { RunMessage } from "../../../shared/protocol/messages";
import type { PhoneDriver, ScreenSize } from "../../adb/phone-driver";
import { shellLine } from "../../adb/shell-text";
import type { ExecutionContext } from "../../runner";
import type { AppData } from "../apps/app-data";
import { ScreenWalker, type WalkerOptions } from "../ui/screen-walker";
import { ensureAccount } from "./account";
import { isOnScreen } from "./outcome";
import { launchApp } from "./flow-steps";
import { appBuild, appName, grantPermissions, installedPackage } from "./prepare-phone";
import type { StepRun } from "./step-run";
import { TextEntry } from "./text-entry";

/** What every script is built with: the phone, the apps' screen data, and the engine's timings. */
export interface ScriptSetup {
  driver: PhoneDriver;
  /** Screen data per platform (apps/load-apps.ts). */
  apps: Readonly<Record<Platform, AppData>>;
  walker?: WalkerOptions;
  /** A step's wait when the data gives none (default 15 s). */
  stepTimeoutMs?: number;
  random?: () => number;
}

/** The task's app on this phone: its package (the account's clone, or the first installed) and the data bound to its build. */
export interface FoundApp {
  packageName: string;
  app: AppData;
}

export async function findApp(setup: ScriptSetup, run: RunMessage, context: ExecutionContext): Promise<FoundApp> {
  const { driver } = setup;
  const data = setup.apps[run.platform];
  const packageName = await installedPackage(driver, data, run.package_name);
  const build = await appBuild(driver, data, packageName);
  await context.log("info", `${appName(build.app)} ${build.version ?? "(version unknown)"} (${packageName})${build.known ? "" : ": a build the screen data has no ids for, so it goes by texts, descriptions and layout"}`);
  return { packageName, app: build.app };
}

/** The phone ready for a script's steps: awake, watched by a walker, the app restarted on the task's account. */
export interface AppSession extends FoundApp {
  driver: PhoneDriver;
  walker: ScreenWalker;
  text: TextEntry;
  screenSize: ScreenSize;
  stepTimeoutMs: number;
  /** The engine's run for these steps, with the task's placeholders and conditions. */
  stepRun(values: Record<string, string>, asks: StepRun["asks"], soundWaitS?: number): StepRun;
}

/**
 * Wakes the phone, stops the app (a fresh start at its home screen), grants what the app needs,
 * and, for a task of a named account, starts it and makes that account the logged-in one.
 * A script's steps then start with `launch`, as a post's flow does.
 */
export async function openApp(setup: ScriptSetup, run: RunMessage, context: ExecutionContext, found: FoundApp): Promise<AppSession> {
  const { driver } = setup;
  const { packageName, app } = found;
  const log = (message: string) => context.log("info", message);
  const screenSize = await driver.screenSize();
  const sdk = await driver.sdkLevel();
  await driver.key("KEYCODE_WAKEUP");
  const walker = new ScreenWalker(driver, { screenSize, popups: app.popups, accountStates: app.account_states, pauseVideo: app.pause_video, signal: context.signal, note: log }, setup.walker);
  const text = new TextEntry(driver);
  const stepTimeoutMs = setup.stepTimeoutMs ?? 15_000;
  const random = setup.random ?? Math.random;
  await driver.shell(shellLine`am force-stop ${packageName}`);
  await grantPermissions(driver, app, packageName, sdk, log);
  if (run.username !== null) {
    context.progress("checking the account");
    await launchApp(driver, packageName);
    await ensureAccount(walker, app, run.username, stepTimeoutMs, log);
  }
  return {
    packageName,
    app,
    driver,
    walker,
    text,
    screenSize,
    stepTimeoutMs,
    stepRun: (values, asks, soundWaitS = 0) => ({
      driver,
      walker,
      context,
      packageName,
      parts: app.parts,
      text,
      values,
      asks,
      soundWaitS,
      stepTimeoutMs,
      random,
      screenshot: (label) => screenshot(driver, context, label),
    }),
  };
}

/** Evidence only: a failed screenshot is a warning in the log, never a failed task. */
export async function screenshot(driver: PhoneDriver, context: ExecutionContext, label: string): Promise<void> {
  try {
    await context.screenshot(await driver.screencap());
    await context.log("info", `screenshot ${label}`);
  } catch (error) {
    await context.log("warn", `no screenshot ${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A failure the screen shows gets its screenshot; not after a stop or the deadline, when the phone is no longer the run's. */
export async function screenshotOnFailure(driver: PhoneDriver, context: ExecutionContext, error: unknown): Promise<void> {
  if (isOnScreen(error) && !context.signal.aborted) await screenshot(driver, context, "at the failure");
}
