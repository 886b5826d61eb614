import { FailCode } from "../../../shared/fail-codes";
import type { AppData, Flow } from "../apps/app-data";
import { ScriptFailure } from "../engine/script-failure";

export interface PostShape {
  content: "video" | "images";
  postWay: string;
  placement: "reel" | "story";
  mediaCount: number;
}

/** The first flow of the app's data whose `when` fits the post. */
export function chooseFlow(app: AppData, shape: PostShape): Flow {
  const media = shape.mediaCount > 1 ? "multiple" : "single";
  const flow = app.flows.find(
    ({ when }) =>
      (when.content === undefined || when.content === shape.content) &&
      (when.post_way === undefined || when.post_way === shape.postWay) &&
      (when.placement === undefined || app.platform !== "instagram" || when.placement === shape.placement) &&
      (when.media === undefined || when.media === media),
  );
  if (flow !== undefined) return flow;
  // Only an app data file without a catch-all flow gets here (e.g. post_way useSound).
  const what = `${shape.content} by post_way "${shape.postWay}"${app.platform === "instagram" ? ` as a ${shape.placement}` : ""}`;
  throw new ScriptFailure(FailCode.UiStepNotFound, `this agent's ${app.platform} screen data has no way to post ${what}`);
}
