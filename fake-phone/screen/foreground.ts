import type { AppModel } from "../apps/app-model.js";
import type { Intent } from "../shell/intent.js";
import type { ScreenModel } from "./screen-model.js";

// Which activity is in front: the launcher or an app. The window manager draws it and hands
// it the input that reaches it.
export class Foreground {
  private readonly apps = new Map<string, AppModel>();
  private front: AppModel | undefined;

  constructor(
    public launcher: ScreenModel,
    apps: readonly AppModel[],
    private readonly onStop: (pkg: string) => void,
  ) {
    for (const app of apps) this.apps.set(app.package, app);
  }

  get screen(): ScreenModel {
    return this.front ?? this.launcher;
  }

  /** The package in front, undefined while the launcher is. */
  get frontPackage(): string | undefined {
    return this.front?.package;
  }

  app(pkg: string): AppModel | undefined {
    return this.apps.get(pkg);
  }

  launch(app: AppModel): void {
    app.launch();
    this.front = app;
  }

  start(app: AppModel, activity: string, intent: Intent): void {
    app.start(activity, intent);
    this.front = app;
  }

  home(): void {
    this.front = undefined;
  }

  forceStop(pkg: string): void {
    const app = this.apps.get(pkg);
    if (app === undefined) return;
    app.forceStop();
    this.onStop(pkg);
    if (this.front === app) this.front = undefined;
  }
}
