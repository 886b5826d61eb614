import { PLAN_IDS, PLANS } from "../../../shared/plans";
import type { Command } from "../command";
import { setPlan } from "../ops/workspaces";
import { printJson, printLines } from "../output";
import { parsePlan } from "../validate";

export const setPlanCommand: Command = {
  name: "set-plan",
  synopsis: "<workspace> <plan>",
  summary: "change a workspace's plan",
  details: [`  <plan>   one of ${PLAN_IDS.join(", ")}`],
  positionals: ["workspace", "plan"],
  options: {},
  async run(context) {
    const [workspaceRef = "", planInput = ""] = context.positionals;
    const plan = parsePlan(planInput);
    const change = await setPlan(await context.database(), workspaceRef, plan);
    if (context.json) return printJson({ ...change.workspace, previous_plan: change.previousPlan });
    printLines(
      change.previousPlan === plan
        ? `Workspace ${change.workspace.name} was already on ${PLANS[plan].name}; nothing changed.`
        : `Workspace ${change.workspace.name}: plan ${change.previousPlan} -> ${plan} (${PLANS[plan].name}, up to ${PLANS[plan].deviceLimit} devices, API ${PLANS[plan].apiEnabled ? "enabled" : "disabled"}).`,
    );
  },
};
